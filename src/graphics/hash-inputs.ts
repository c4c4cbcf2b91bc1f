// A stable hash of everything that decides an output image, for deterministic file names.
import { createHash } from 'node:crypto';

// Bump when drawing code changes so stale cached PNGs are not reused.
const DRAWING_VERSION = 1;

/** Hex digest (16 chars) of `value` serialised with sorted keys. */
export function hashInputs(value: unknown): string {
  return createHash('sha256').update(stableJson({ v: DRAWING_VERSION, value })).digest('hex').slice(0, 16);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && typeof v !== 'function')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
