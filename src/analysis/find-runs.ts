// Runs of true values in a per-frame flag series, as [start, end) index pairs.

/** Every maximal run of `true` in `flags` at least `minLength` long. */
export function findRuns(flags: readonly boolean[], minLength = 1): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= flags.length; i++) {
    if (i < flags.length && flags[i]) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start >= minLength) runs.push([start, i]);
      start = -1;
    }
  }
  return runs;
}
