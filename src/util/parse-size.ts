// Sizes as people write them in config files and on the command line: `5GiB`, `500MB`, `1.5G`,
// `800k`, or a number of bytes. Binary (KiB, MiB, GiB, TiB) and decimal (kB, MB, GB, TB) units;
// a bare letter (K, M, G, T) is binary, as in `du -h`.

const UNITS: Record<string, number> = {
  b: 1,
  k: 1024, kib: 1024, kb: 1000,
  m: 1024 ** 2, mib: 1024 ** 2, mb: 1000 ** 2,
  g: 1024 ** 3, gib: 1024 ** 3, gb: 1000 ** 3,
  t: 1024 ** 4, tib: 1024 ** 4, tb: 1000 ** 4,
};

/** Bytes (rounded down), or undefined when `value` is not a size. */
export function parseSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  if (!match) return undefined;
  const unit = match[2] === '' ? 1 : UNITS[match[2]!.toLowerCase()];
  return unit === undefined ? undefined : Math.floor(Number(match[1]) * unit);
}
