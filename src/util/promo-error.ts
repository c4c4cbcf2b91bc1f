// The one error type for problems a person can act on: a stable code, a message that says what
// to change, and where (a spec location or a file).
import type { SourceLocation } from './source-location.ts';

export type PromoErrorCode =
  | 'SPEC_INVALID'
  | 'CONFIG_INVALID'
  | 'USAGE'
  | 'ENGINE_MISSING'
  | 'FOOTAGE_MISSING'
  | 'FOOTAGE_REFUSED'
  | 'FOOTAGE_UNREADABLE'
  | 'CLIP_OUT_OF_RANGE'
  | 'ASSET_INVALID'
  | 'DURATION_LIMIT'
  | 'RENDER_FAILED'
  | 'RENDER_TIMEOUT'
  | 'INTERRUPTED'
  | 'DAEMON_BUSY'
  /** Connecting a platform account failed (refused, denied, wrong state): nothing was stored (exit 1). */
  | 'ACCOUNT_FAILED'
  /** The job queue's Redis cannot be reached or is set up unsafely (exit 3). */
  | 'QUEUE_UNUSABLE';

export interface PromoErrorOptions {
  location?: SourceLocation;
  /** What to change, when the message alone does not say it. */
  hint?: string;
  cause?: unknown;
  /** Extra detail for --verbose (e.g. the end of ffmpeg's stderr). */
  detail?: string;
}

export class PromoError extends Error {
  readonly code: PromoErrorCode;
  readonly location?: SourceLocation;
  readonly hint?: string;
  readonly detail?: string;

  constructor(code: PromoErrorCode, message: string, options: PromoErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PromoError';
    this.code = code;
    this.location = options.location;
    this.hint = options.hint;
    this.detail = options.detail;
  }

  /** `spec.yaml:14:7 message; hint` — the form every user-facing error is printed in. */
  describe(relativeTo?: string): string {
    const where = this.location ? `${formatLocation(this.location, relativeTo)} ` : '';
    const hint = this.hint ? `; ${this.hint}` : '';
    return `${where}${this.message}${hint}`;
  }
}

/** Formats a location as `file:line:col`, the file relative to `relativeTo` when given. */
export function formatLocation(location: SourceLocation, relativeTo?: string): string {
  let file = location.file;
  if (relativeTo && file.startsWith(relativeTo + '/')) file = file.slice(relativeTo.length + 1);
  return `${file}:${location.line}:${location.col}`;
}
