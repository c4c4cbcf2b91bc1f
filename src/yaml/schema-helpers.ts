// Small zod building blocks whose failure messages say what is wrong and what to write instead.
// Shared by the spec and config schemas; `translateZodIssues` turns their issues into SpecIssues.
import { z } from 'zod';

// No compiled fast path for object schemas: zod would build one with `new Function` on each
// schema's first parse, and promo parses each schema once or twice per run, so compiling costs
// more than it saves (the same checks and messages either way).
z.config({ jitless: true });

/** How a received value is named in messages: `"abc"`, `12`, `true`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

export interface NumberInOptions {
  integer?: boolean;
  /** Unit shown after the range, e.g. ` s`, ` dB`. */
  unit?: string;
  even?: boolean;
}

/** A number from `min` to `max` inclusive. */
export function numberIn(min: number, max: number, options: NumberInOptions = {}) {
  const unit = options.unit ?? '';
  const kind = options.even ? 'an even whole number' : options.integer ? 'a whole number' : 'a number';
  const range = `${kind} from ${min} to ${max}${unit}`;
  const outOfRange = (iss: { input?: unknown }) => `${describeValue(iss.input)} is out of range; use ${range}`;
  let schema = z.number({ error: (iss) => `expected ${range}, received ${describeValue(iss.input)}` });
  if (options.integer || options.even) {
    schema = schema.int({ error: (iss) => `${describeValue(iss.input)} is not a whole number; use ${range}` });
  }
  if (options.even) {
    schema = schema.multipleOf(2, { error: (iss) => `${describeValue(iss.input)} is odd; video encoders need even sizes — use ${range}` });
  }
  return schema.min(min, { error: outOfRange }).max(max, { error: outOfRange });
}

/** Text of at most `max` characters (code points: one Chinese character counts one). */
export function textOf(max: number, options: { min?: number } = {}) {
  const min = options.min ?? 0;
  return z.string().check(
    z.refine((text: string) => [...text].length <= max, {
      error: (iss) => `is ${[...String(iss.input)].length} characters long; shorten it to at most ${max}`,
    }),
    z.refine((text: string) => text.trim().length >= min, {
      error: min === 1 ? 'is empty; write some text' : `needs at least ${min} characters`,
    }),
  );
}

/** `scheme:` of two or more letters at the start: URLs and ffmpeg protocols (`concat:`, `subfile:`…). */
const URL_OR_PROTOCOL = /^[A-Za-z][A-Za-z0-9+.-]+:/;

/** Whether a path names a URL or an ffmpeg protocol rather than a local file. */
export function looksLikeUrl(path: string): boolean {
  return URL_OR_PROTOCOL.test(path);
}

/** A local file or folder path (relative to the file it is written in, or absolute). */
export function localPath(noun: string, kind: 'file' | 'folder' = 'file') {
  const advice = kind === 'file' ? 'must be a local file — download it and give its path' : 'must be a local folder';
  return z.string().check(
    // No `abort: true` here: in zod an explicit abort also stops the `when` refinements of every
    // enclosing schema, which would hide problems elsewhere in the spec.
    z.refine((path: string) => path.trim().length > 0, { error: `is empty; give the path of the ${noun}` }),
    z.refine((path: string) => !looksLikeUrl(path), {
      error: (iss) =>
        `${describeValue(iss.input)} is a URL or ffmpeg protocol; the ${noun} ${advice} (a local name containing a colon can be written as ./name)`,
    }),
    z.refine((path: string) => !path.includes('\0'), { error: 'contains a NUL character; give a plain file path' }),
  );
}

/** A name that becomes part of a file or folder name: `TEA-001`, `douyin`. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function nameOf(what: string) {
  return z.string().regex(NAME_PATTERN, {
    error: (iss) =>
      `${describeValue(iss.input)} is not a valid ${what}: use 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit (it becomes a folder name)`,
  });
}
