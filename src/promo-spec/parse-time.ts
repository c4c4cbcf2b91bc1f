// Spec times: a number of seconds, or text `ss(.s)`, `mm:ss(.s)` or `hh:mm:ss(.s)`.
// YAML 1.2 reads `00:12` as text (sexagesimal numbers were YAML 1.1 only), so both forms arrive here.

/** The accepted text forms; the JSON schema publishes the same pattern. */
export const TIME_PATTERN = /^(?:\d+(?:\.\d+)?|\d+:[0-5]\d(?:\.\d+)?|\d+:[0-5]\d:[0-5]\d(?:\.\d+)?)$/;

/** Reads a spec time as seconds: 3.5, "3.5", "00:12", "00:18.5", "01:02:03.25"; undefined when invalid. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || !TIME_PATTERN.test(value)) return undefined;
  const parts = value.split(':');
  let seconds = 0;
  for (const part of parts) seconds = seconds * 60 + Number(part);
  return Number.isFinite(seconds) ? seconds : undefined;
}
