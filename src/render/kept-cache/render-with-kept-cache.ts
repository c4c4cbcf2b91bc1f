// Runs one render with the output folder's kept files looked after: a mark in `.promo/` while it
// runs (a temp folder of the one scheme, made under the output folder's lock, so a prune either
// sees it or finished before the render read any kept file), then, under the lock and from one
// listing of the kept files, a record of the kept files each artifact it made was made with
// (record-kept-uses.ts) and the automatic prune by `cache:` in config.yaml (maxSize, maxAge),
// least recently used first. A failed prune never fails the render. A long-running promo passes a
// PrunePacer: its jobs' records then look only at their own files, and the prune (a listing of
// every kept file) runs at most once per interval.
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CacheConfig } from '../../config/config-types.ts';
import { formatSize } from '../../util/format-size.ts';
import { tempPathFor } from '../../util/temp-path.ts';
import { withFileLock } from '../../util/with-file-lock.ts';
import { readManifest } from '../manifest.ts';
import { KeptUses, type KeptUsesFile } from './kept-uses.ts';
import { listKeptEntries } from './list-kept-entries.ts';
import { listUsedKeptEntries } from './list-used-kept-entries.ts';
import { pruneKeptCache } from './prune-kept-cache.ts';
import type { PrunePacer } from './prune-pacer.ts';
import { pruneListedKeptCache, type PruneKeptCacheResult } from './prune-listed-kept-cache.ts';
import { recordKeptUses, type RecordedJob } from './record-kept-uses.ts';

export interface RenderWithKeptCacheOptions {
  outDir: string;
  limits: CacheConfig;
  /** A dry run writes nothing: no mark, no record, no prune. */
  dryRun?: boolean;
  onNotice?: (text: string) => void;
  /** Paces the prune of a long-running promo (watcher, worker); without it every render prunes. */
  pacer?: PrunePacer;
}

/** What of a render's result this needs: each job's artifacts' keys and the kept files it used. */
interface RenderOutcome {
  jobs: readonly RecordedJob[];
  interrupted: boolean;
}

/** Runs `render` into `options.outDir`, then records what it used and prunes the kept files. */
export async function renderWithKeptCache<R extends RenderOutcome>(options: RenderWithKeptCacheOptions, render: () => Promise<R>): Promise<R> {
  if (options.dryRun) return render();
  const { outDir, limits } = options;
  const lock = join(outDir, '.promo', 'lock');
  await mkdir(join(outDir, '.promo'), { recursive: true });
  const mark = tempPathFor(join(outDir, '.promo', 'rendering'));
  await withFileLock(lock, () => mkdir(mark));
  let result: R;
  try {
    result = await render();
  } finally {
    await rm(mark, { recursive: true, force: true });
  }
  try {
    const limited = !result.interrupted && (limits.maxSize !== undefined || limits.maxAge !== undefined);
    const prune = limited && (options.pacer?.take(resolve(outDir), () => pruneLater(options)) ?? true);
    noticePruned(await withFileLock(lock, () => recordAndPrune(outDir, limits, result, prune)), options);
  } catch (error) {
    noticeFailed(error, options);
  }
  return result;
}

/** A prune the pacer put off, run on its own (no record of use: each job's render made its own). */
async function pruneLater(options: RenderWithKeptCacheOptions): Promise<void> {
  try {
    noticePruned(await pruneKeptCache(options.outDir, pruneRules(options.limits)), options);
  } catch (error) {
    noticeFailed(error, options);
  }
}

function noticePruned(pruned: PruneKeptCacheResult | undefined, options: RenderWithKeptCacheOptions): void {
  if (pruned && pruned.removed.length > 0) {
    options.onNotice?.(`pruned ${pruned.removed.length} kept file${pruned.removed.length === 1 ? '' : 's'} no current output uses (${formatSize(pruned.freedBytes)} freed; ${formatSize(pruned.keptBytes)} kept in .promo/)`);
  }
}

function noticeFailed(error: unknown, options: RenderWithKeptCacheOptions): void {
  options.onNotice?.(`the kept files in ${join(options.outDir, '.promo')} were not pruned: ${(error as Error).message}`);
}

function pruneRules(limits: CacheConfig): { maxBytes?: number; olderThanMs?: number } {
  return { maxBytes: limits.maxSize, olderThanMs: limits.maxAge === undefined ? undefined : limits.maxAge * 1000 };
}

/**
 * Under the lock: records what each artifact the render made was made with (record-kept-uses.ts),
 * then, when `prune`, prunes by `limits` from the same listing of every kept file. Without a prune
 * the record looks only at the files the jobs noted.
 */
async function recordAndPrune(outDir: string, limits: CacheConfig, result: RenderOutcome, prune: boolean): Promise<PruneKeptCacheResult | undefined> {
  const [entries, uses, manifest] = await Promise.all([
    prune ? listKeptEntries(outDir) : listUsedKeptEntries(outDir, result.jobs),
    KeptUses.read(outDir),
    readManifest(outDir),
  ]);
  const artifacts = manifest?.artifacts ?? [];
  const recorded: KeptUsesFile = { version: 1, uses: recordKeptUses(uses.uses, entries, result.jobs, outDir) };
  await KeptUses.write(outDir, recorded.uses, new Set(artifacts.map((a) => a.key)));
  if (!prune) return undefined;
  return pruneListedKeptCache(outDir, { entries, artifacts, uses: recorded }, pruneRules(limits));
}
