// The record of use after a render (kept-uses.ts), per output: each artifact the render made is
// recorded as made with the kept files its own job wrote or reused (the job's KeptUseLog), not
// with everything the run touched. So once a product is rendered again, the files its previous
// render used and this one did not (the old caption after an edit) are no longer in use, while
// the records of the products this run left as they were (cached) stay as they were.
import { relative, resolve, sep } from 'node:path';
import type { KeptEntry } from './kept-entry.ts';

/** What of a render's job this needs: the keys of the artifacts it made, and its log. */
export interface RecordedJob {
  artifacts: readonly { key: string }[];
  /** Absolute paths of the kept files the job wrote or reused; none: every file touched since the render began. */
  keptUsed?: readonly string[];
}

/** `previous` with the artifacts of `jobs` recorded anew from the listing `entries` of `outDir`, taken after a render that began at `since` (mtime). */
export function recordKeptUses(previous: Readonly<Record<string, readonly string[]>>, entries: readonly KeptEntry[], since: number, jobs: readonly RecordedJob[], outDir: string): Record<string, string[]> {
  // Segments are not listed: they are their output's while it is in the manifest (find-kept-in-use.ts).
  const listed = new Set(entries.filter((e) => e.kind !== 'segments').map((e) => e.path));
  const root = resolve(outDir);
  const logs = jobs.map((job) => job.keptUsed?.map((file) => relative(root, file).split(sep).join('/')).filter((path) => listed.has(path)));
  const logged = new Set(logs.flatMap((log) => log ?? []));
  // Written or reused since the render began but in no job's log: drawn outside any job (shared by
  // the batch) or by another promo beside this one. Counted as every job's, as a record by time.
  const unclaimed = entries.filter((e) => listed.has(e.path) && e.mtimeMs >= since && !logged.has(e.path)).map((e) => e.path);
  const uses: Record<string, string[]> = Object.fromEntries(Object.entries(previous).map(([key, paths]) => [key, [...paths]]));
  jobs.forEach((job, i) => {
    const mine = logs[i] ?? entries.filter((e) => listed.has(e.path) && e.mtimeMs >= since).map((e) => e.path);
    // Replaced, not added to: what the artifact was made with is what its job used this time.
    for (const { key } of job.artifacts) uses[key] = [...new Set([...mine, ...unclaimed])].sort();
  });
  return uses;
}
