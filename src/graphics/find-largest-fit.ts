// Finds the largest value (a font size or scale) at which text still fits, with few renders.

/**
 * Largest value in [low, high] for which `fits` holds, assuming fitting gets easier as the value
 * shrinks: tries `high` first, then bisects until the interval is narrower than `precision`.
 * Returns undefined when even `low` does not fit.
 */
export async function findLargestFit<T>(
  low: number,
  high: number,
  precision: number,
  fits: (value: number) => Promise<T | undefined>,
): Promise<{ value: number; result: T } | undefined> {
  const top = await fits(high);
  if (top !== undefined) return { value: high, result: top };
  const bottom = await fits(low);
  if (bottom === undefined) return undefined;
  let best = { value: low, result: bottom };
  let lo = low;
  let hi = high;
  while (hi - lo > precision) {
    const middle = (lo + hi) / 2;
    const result = await fits(middle);
    if (result !== undefined) {
      best = { value: middle, result };
      lo = middle;
    } else {
      hi = middle;
    }
  }
  return best;
}
