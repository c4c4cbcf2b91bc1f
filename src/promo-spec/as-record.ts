// A value of raw, unchecked spec data as an object whose fields can be read, when it is one.

/** `value` as a record when it is a plain object (not null, not an array), else undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
