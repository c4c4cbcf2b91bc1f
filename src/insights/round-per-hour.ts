// How a per-hour figure (viewers or sales per hour live) is shown: people and yuan per hour in the
// hundreds or thousands need no decimals (2777.78 → 2778), smaller ones keep one or two so they
// still tell slots apart. The JSON keeps the stored precision.

/** `x` rounded for charts, pages and the CLI's text: whole from 100, one decimal from 10, else two. */
export function roundPerHour(x: number | null): number | null {
  if (x === null) return null;
  const size = Math.abs(x);
  const decimals = size >= 100 ? 0 : size >= 10 ? 1 : 2;
  const factor = 10 ** decimals;
  return Math.round(x * factor) / factor;
}
