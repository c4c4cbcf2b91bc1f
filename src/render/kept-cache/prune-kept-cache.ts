// Removes kept files (`<out>/.promo/`: images, covers, segments, loudness, analysis) that no
// artifact of the output folder's manifest uses, by age and by a size cap (select-prune-victims.ts).
// It runs under the output folder's lock (the one the manifest merge takes), so it never races a
// manifest write, and it leaves the kinds a render reads by path alone while any promo is working
// in the folder (find-live-renders.ts): a running render never loses a file it is about to open.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSystemNow } from '../../util/file-system-now.ts';
import { withFileLock } from '../../util/with-file-lock.ts';
import { readManifest } from '../manifest.ts';
import { readRenderCache } from '../render-cache-file.ts';
import { findKeptInUse } from './find-kept-in-use.ts';
import { findLiveRenders } from './find-live-renders.ts';
import { READ_BY_PATH, type KeptEntry } from './kept-entry.ts';
import { KeptUses } from './kept-uses.ts';
import { listKeptEntries } from './list-kept-entries.ts';
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

/** Prunes `outDir`'s kept files by `options`' rules, under the output folder's lock. */
export async function pruneKeptCache(outDir: string, options: PruneKeptCacheOptions): Promise<PruneKeptCacheResult> {
  const empty: PruneKeptCacheResult = { removed: [], freedBytes: 0, keptCount: 0, keptBytes: 0, busy: [] };
  // No .promo folder: nothing is kept here (and no lock file is made in a folder promo never wrote).
  if (!existsSync(join(outDir, '.promo'))) return empty;
  return withFileLock(join(outDir, '.promo', 'lock'), async () => {
    const [entries, manifest, uses, cache] = await Promise.all([listKeptEntries(outDir), readManifest(outDir), KeptUses.read(outDir), readRenderCache(outDir)]);
    const artifacts = manifest?.artifacts ?? [];
    const inUse = findKeptInUse(entries, artifacts, uses, cache);
    let busy = await findLiveRenders(outDir);
    const protectedPaths = new Set(inUse);
    if (busy.length > 0) for (const entry of entries) if (READ_BY_PATH.has(entry.kind)) protectedPaths.add(entry.path);
    const victims = selectPruneVictims(entries, protectedPaths, { ...options, now: options.now ?? await fileSystemNow(join(outDir, '.promo')) });
    const removed: KeptEntry[] = [];
    for (const victim of victims) {
      if (!options.dryRun && READ_BY_PATH.has(victim.kind)) {
        // A render that does not hold the mark (renderWithKeptCache) shows itself by its work
        // folder only once it starts: look again right before each file it could open.
        if (busy.length === 0) busy = await findLiveRenders(outDir);
        if (busy.length > 0) continue;
      }
      if (!options.dryRun) await rm(join(outDir, victim.path), { force: true });
      removed.push(victim);
    }
    if (!options.dryRun && existsSync(KeptUses.pathOf(outDir))) {
      const gone = new Set(removed.map((e) => e.path));
      const left = Object.fromEntries(Object.entries(uses.uses).map(([key, paths]) => [key, paths.filter((p) => !gone.has(p))]));
      await KeptUses.write(outDir, left, new Set(artifacts.map((a) => a.key)));
    }
    const freedBytes = removed.reduce((sum, e) => sum + e.bytes, 0);
    const totalBytes = entries.reduce((sum, e) => sum + e.bytes, 0);
    return { removed, freedBytes, keptCount: entries.length - removed.length, keptBytes: totalBytes - freedBytes, busy };
  });
}
