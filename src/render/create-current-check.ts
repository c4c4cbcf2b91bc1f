// Whether an output is up to date: the previous manifest lists it under the same cache key and the
// file on disk still has the size it listed. `--force` makes nothing current.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PresetDef } from '../presets/presets.ts';
import type { ManifestArtifact } from './manifest.ts';

/** True when every kind of a job's output for a preset is current. */
export type CurrentCheck = (sku: string | null, preset: PresetDef, key: string, kinds: ManifestArtifact['kind'][]) => Promise<boolean>;

/** The check against one output folder and the manifest its previous run left. */
export function createCurrentCheck(outDir: string, previousArtifacts: readonly ManifestArtifact[], force: boolean | undefined): CurrentCheck {
  return async (sku, preset, key, kinds) => {
    if (force) return false;
    for (const kind of kinds) {
      const found = previousArtifacts.find((a) => a.sku === sku && a.preset === preset.name && a.kind === kind && a.key === key);
      if (!found) return false;
      const info = await stat(join(outDir, found.path)).catch(() => undefined);
      if (!info || info.size !== found.bytes) return false;
    }
    return true;
  };
}
