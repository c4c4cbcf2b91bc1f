// Removes kept files (`<out>/.promo/`: images, covers, segments, loudness, analysis) that no
// artifact of the output folder's manifest uses, by age and by a size cap (select-prune-victims.ts).
// It runs under the output folder's lock (the one the manifest merge takes), so it never races a
// manifest write, and it leaves the kinds a render reads by path alone while any promo is working
// in the folder (find-live-renders.ts): a running render never loses a file it is about to open.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { withFileLock } from '../../util/with-file-lock.ts';
import { readManifest } from '../manifest.ts';
import { KeptUses } from './kept-uses.ts';
import { listKeptEntries } from './list-kept-entries.ts';
import { pruneListedKeptCache, type PruneKeptCacheOptions, type PruneKeptCacheResult } from './prune-listed-kept-cache.ts';

export type { PruneKeptCacheOptions, PruneKeptCacheResult } from './prune-listed-kept-cache.ts';

/** Prunes `outDir`'s kept files by `options`' rules, under the output folder's lock. */
export async function pruneKeptCache(outDir: string, options: PruneKeptCacheOptions): Promise<PruneKeptCacheResult> {
  // No .promo folder: nothing is kept here (and no lock file is made in a folder promo never wrote).
  if (!existsSync(join(outDir, '.promo'))) return { removed: [], freedBytes: 0, keptCount: 0, keptBytes: 0, busy: [] };
  return withFileLock(join(outDir, '.promo', 'lock'), async () => {
    const [entries, manifest, uses] = await Promise.all([listKeptEntries(outDir), readManifest(outDir), KeptUses.read(outDir)]);
    return pruneListedKeptCache(outDir, { entries, artifacts: manifest?.artifacts ?? [], uses }, options);
  });
}
