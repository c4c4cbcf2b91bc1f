// Byte counts for people: `1.2 GiB`, `340 KiB`, `12 bytes` (binary units, as parse-size.ts reads them).

/** `bytes` in the largest binary unit that keeps the number at 1 or more. */
export function formatSize(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  if (bytes < 1024) return `${bytes} bytes`;
  let value = bytes;
  let unit = 'bytes';
  for (const next of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${unit}`;
}
