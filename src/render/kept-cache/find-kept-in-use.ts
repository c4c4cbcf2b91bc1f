// The kept files that artifacts of the manifest still use: an output's segments (its video
// segments, audio and cover frames: every file kept under the output's owner, since its render
// removes the ones it no longer uses), the files its render recorded (kept-uses.ts), and the
// analysis of footage the render cache still knows at a path that exists.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { REEL } from '../build-manifest.ts';
import type { ManifestArtifact } from '../manifest.ts';
import type { RenderCacheFile } from '../render-cache-file.ts';
import { SegmentStore } from '../segment-store.ts';
import type { KeptEntry } from './kept-entry.ts';
import type { KeptUsesFile } from './kept-uses.ts';

/** The paths (as in `entries`) of the kept files `artifacts` use. */
export function findKeptInUse(entries: readonly KeptEntry[], artifacts: readonly ManifestArtifact[], uses: KeptUsesFile, cache: RenderCacheFile): Set<string> {
  const owners = new Set(artifacts.filter((a) => a.kind !== 'cover').map((a) => SegmentStore.ownerOf(a.sku ?? REEL, a.preset)));
  const recorded = new Set(artifacts.flatMap((a) => uses.uses[a.key] ?? []));
  const footage = new Set(Object.entries(cache.files).filter(([file]) => existsSync(file)).map(([, memo]) => memo.sha256));
  const inUse = new Set<string>();
  for (const entry of entries) {
    const name = basename(entry.path);
    const used = entry.kind === 'segments'
      ? owners.has(name.slice(0, 16))
      : entry.kind === 'analysis'
        ? footage.has(name.replace(/\.json$/, '')) || recorded.has(entry.path)
        : recorded.has(entry.path);
    if (used) inUse.add(entry.path);
  }
  return inUse;
}
