// Percentiles of a series, for thresholds relative to a take.

/** The p-th (0–1) percentile of `values` (nearest rank); `fallback` when there are none. */
export function percentile(values: readonly number[], p: number, fallback = 0): number {
  if (values.length === 0) return fallback;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))]!;
}
