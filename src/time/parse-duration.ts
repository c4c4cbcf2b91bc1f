// Durations as people write them in config files: `5s`, `500ms`, `2m`, `1h30m`, `1d`, or a
// number of seconds. Signed (`-24h`) where the caller allows it.

const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;

/** Seconds, or undefined when `value` is not a duration. */
export function parseDuration(value: unknown, options: { signed?: boolean } = {}): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && (options.signed || value >= 0) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  let text = value.trim();
  let sign = 1;
  if (options.signed && (text.startsWith('-') || text.startsWith('+'))) {
    sign = text.startsWith('-') ? -1 : 1;
    text = text.slice(1);
  }
  if (text === '') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(text)) return sign * Number(text);
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * UNITS[match[2]!]!;
  }
  return sign * total;
}

/** `5s`, `2m`, `1h30m` for a number of seconds. */
export function formatDuration(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.abs(seconds);
  if (rest < 1) return `${sign}${Math.round(rest * 1000)}ms`;
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${Math.round(rest * 1000) / 1000}s`);
  return sign + parts.join('');
}
