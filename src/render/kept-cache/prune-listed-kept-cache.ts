// The work of a prune (prune-kept-cache.ts) on kept files already listed: the caller holds the
// output folder's lock and has read the listing, the manifest and the record of use, so a render's
// record of use and its automatic prune share one listing (render-with-kept-cache.ts).
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileSystemNow } from '../../util/file-system-now.ts';
import type { ManifestArtifact } from '../manifest.ts';
import { readRenderCache } from '../render-cache-file.ts';
import { findKeptInUse } from './find-kept-in-use.ts';
import { findLiveRenders } from './find-live-renders.ts';
import { READ_BY_PATH, type KeptEntry } from './kept-entry.ts';
import { KeptUses, type KeptUsesFile } from './kept-uses.ts';
import { selectPruneVictims, type PruneRules } from './select-prune-victims.ts';

export interface PruneKeptCacheOptions extends Omit<PruneRules, 'now'> {
  /** Default: now by the clock that stamps the folder's mtimes (util/file-system-now.ts). */
  now?: number;
  /** List what would go, remove nothing. */
  dryRun?: boolean;
}

export interface PruneKeptCacheResult {
  /** Removed (or, in a dry run, to be removed), least recently used first. */
  removed: KeptEntry[];
  freedBytes: number;
  /** What stays: files and bytes. */
  keptCount: number;
  keptBytes: number;
  /** Owners of promo processes working in the folder: their images, covers and segments were left alone. */
  busy: string[];
}

/** What the caller read under the lock. */
export interface ListedKeptCache {
  entries: readonly KeptEntry[];
  artifacts: readonly ManifestArtifact[];
  uses: KeptUsesFile;
}

// How many victims a render reads by path go between two looks for live renders, and how long
// (ms) at most: see the loop below.
const BATCH_FILES = 32;
const BATCH_MS = 5;

/** Prunes `listed` (of `outDir`, whose lock the caller holds) by `options`' rules. */
export async function pruneListedKeptCache(outDir: string, listed: ListedKeptCache, options: PruneKeptCacheOptions): Promise<PruneKeptCacheResult> {
  const { entries, artifacts, uses } = listed;
  const totalBytes = entries.reduce((sum, e) => sum + e.bytes, 0);
  const now = options.now ?? (options.olderThanMs === undefined ? 0 : await fileSystemNow(join(outDir, '.promo')));
  // Under both limits (all files together within maxBytes, none unused for olderThanMs): no file
  // can be a victim whatever is in use, so the render cache, the live renders and the record of
  // use are not read. This is the usual case of the prune after each render.
  const overSize = options.maxBytes !== undefined && totalBytes > options.maxBytes;
  const overAge = options.olderThanMs !== undefined && entries.some((e) => e.mtimeMs < now - options.olderThanMs!);
  if (!overSize && !overAge) return { removed: [], freedBytes: 0, keptCount: entries.length, keptBytes: totalBytes, busy: [] };

  const inUse = findKeptInUse(entries, artifacts, uses, await readRenderCache(outDir));
  let busy = await findLiveRenders(outDir);
  let lookedAt = performance.now();
  let sinceLook = 0;
  const protectedPaths = new Set(inUse);
  if (busy.length > 0) for (const entry of entries) if (READ_BY_PATH.has(entry.kind)) protectedPaths.add(entry.path);
  const victims = selectPruneVictims(entries, protectedPaths, { ...options, now });
  const removed: KeptEntry[] = [];
  for (const victim of victims) {
    if (!options.dryRun && READ_BY_PATH.has(victim.kind)) {
      // Before each batch of files a render could open by path, look again for live renders, and
      // stop removing such files once one shows. A render run through renderWithKeptCache makes
      // its mark under the lock this prune holds, before it reads any kept file: one not seen by
      // the first look cannot start until the prune is done, so for those the first look is the
      // guarantee. A render that holds no mark (a preview, renderBatch run bare, an older promo)
      // shows itself by its work folder, made before it looks at any kept file; after it, it
      // reads its spec, manifest and render cache, hashes and plans its products, and reads a
      // kept image's header, before ffmpeg opens one. One that starts after a look is seen by the
      // next, which comes at most BATCH_FILES removals or BATCH_MS later: well before such a
      // render reaches its first kept file (1.3 to 2.4 s after its work folder for the sample's
      // caption edit on a loaded 2-core machine). Looking before every file narrowed the gap to
      // one readdir, at the cost of a readdir of .promo/ and a liveness check per temp per file.
      if (busy.length === 0 && (sinceLook >= BATCH_FILES || performance.now() - lookedAt >= BATCH_MS)) {
        busy = await findLiveRenders(outDir);
        lookedAt = performance.now();
        sinceLook = 0;
      }
      if (busy.length > 0) continue;
      sinceLook += 1;
    }
    if (!options.dryRun) await rm(join(outDir, victim.path), { force: true });
    removed.push(victim);
  }
  if (!options.dryRun && removed.length > 0 && existsSync(KeptUses.pathOf(outDir))) {
    const gone = new Set(removed.map((e) => e.path));
    const left = Object.fromEntries(Object.entries(uses.uses).map(([key, paths]) => [key, paths.filter((p) => !gone.has(p))]));
    await KeptUses.write(outDir, left, new Set(artifacts.map((a) => a.key)));
  }
  const freedBytes = removed.reduce((sum, e) => sum + e.bytes, 0);
  return { removed, freedBytes, keptCount: entries.length - removed.length, keptBytes: totalBytes - freedBytes, busy };
}
