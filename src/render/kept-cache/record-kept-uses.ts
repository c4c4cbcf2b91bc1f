// The record of use after a render (kept-uses.ts), per output: each artifact the render made is
// recorded as made with the kept files its own job wrote or reused (the job's KeptUseLog), not
// with everything the run touched. So once a product is rendered again, the files its previous
// render used and this one did not (the old caption after an edit) are no longer in use, while
// the records of the products this run left as they were (cached) stay as they were.
// Only the job's log counts, never a file's mtime: another promo rendering other products into
// the same folder at the same time writes and reuses files too, and a file touched outside every
// job is no output's input (the shared logo is noted by each job that asks for it). A file no
// job noted keeps only what its other records say; with none, it is the prune's like any unused one.
import { relative, resolve, sep } from 'node:path';
import type { KeptEntry } from './kept-entry.ts';

/** What of a render's job this needs: the keys of the artifacts it made, and its log. */
export interface RecordedJob {
  artifacts: readonly { key: string }[];
  /** Absolute paths of the kept files the job wrote or reused; none: no kept file is recorded for it. */
  keptUsed?: readonly string[];
}

/** `previous` with the artifacts of `jobs` recorded anew, each with the files of its log that the listing `entries` of `outDir` holds. */
export function recordKeptUses(previous: Readonly<Record<string, readonly string[]>>, entries: readonly KeptEntry[], jobs: readonly RecordedJob[], outDir: string): Record<string, string[]> {
  // Segments are not listed: they are their output's while it is in the manifest (find-kept-in-use.ts).
  const listed = new Set(entries.filter((e) => e.kind !== 'segments').map((e) => e.path));
  const root = resolve(outDir);
  const uses: Record<string, string[]> = Object.fromEntries(Object.entries(previous).map(([key, paths]) => [key, [...paths]]));
  for (const job of jobs) {
    const mine = (job.keptUsed ?? []).map((file) => relative(root, file).split(sep).join('/')).filter((path) => listed.has(path));
    // Replaced, not added to: what the artifact was made with is what its job used this time.
    for (const { key } of job.artifacts) uses[key] = [...new Set(mine)].sort();
  }
  return uses;
}
