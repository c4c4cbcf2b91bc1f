// The end of a batch: merge its jobs into the manifest as it is now (a watcher or workers may have
// written since the run started), under the output folder's lock; prune kept segments of outputs
// no longer listed; and merge the run's hashes, probes and engine capabilities into the cache file.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FileHasher } from '../cache/file-hasher.ts';
import type { PromoSpec } from '../promo-spec/spec-types.ts';
import { withFileLock } from '../util/with-file-lock.ts';
import { buildManifest, REEL, type ManifestJob } from './build-manifest.ts';
import { readManifest, writeManifest, type Manifest } from './manifest.ts';
import { readRenderCache, writeRenderCache, type RenderCacheFile } from './render-cache-file.ts';
import { SegmentStore } from './segment-store.ts';

export interface MergeBatchOptions {
  spec: PromoSpec;
  outDir: string;
  jobs: ManifestJob[];
  /** Presets each job failed to render, by job name. */
  failedPresets: Map<string, Set<string>>;
  /** The batch's own warnings (the reel's left-out products). */
  warnings: readonly string[];
  hasher: FileHasher;
  /** This run's render cache, with the probes and capabilities it added. */
  cache: RenderCacheFile;
}

/** Writes the merged manifest and cache file; returns the manifest and where it is. */
export async function mergeBatchManifest(options: MergeBatchOptions): Promise<{ manifest: Manifest; manifestPath: string }> {
  const { spec, outDir, jobs, failedPresets, hasher, cache } = options;
  return withFileLock(join(outDir, '.promo', 'lock'), async () => {
    const merged = buildManifest(spec, outDir, await readManifest(outDir), jobs, failedPresets);
    // A video's own warning (loudness) stays while the video is current, cached runs included.
    merged.warnings.push(...options.warnings, ...new Set(merged.artifacts.flatMap((a) => (a.warning ? [a.warning] : []))));
    const path = await writeManifest(outDir, merged);
    // Kept segments live while their output is listed (render-incrementally.ts).
    await new SegmentStore(outDir).pruneOwners(new Set(merged.artifacts.filter((a) => a.kind !== 'cover').map((a) => SegmentStore.ownerOf(a.sku ?? REEL, a.preset))));
    const latest = await readRenderCache(outDir);
    await writeRenderCache(outDir, {
      version: 1,
      // Only files that still exist: a watcher's work copies move on and would pile up here.
      files: Object.fromEntries(Object.entries({ ...latest.files, ...hasher.toJSON() }).filter(([file]) => existsSync(file))),
      probes: { ...latest.probes, ...cache.probes },
      engines: { ...latest.engines, ...cache.engines },
    });
    return { manifest: merged, manifestPath: path };
  });
}
