// The artifacts of output folders, from their manifest.json: every video, cover and reel with the
// spec that made it, absolute paths, and whether the file is still there; and every failure.
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { MANIFEST_NAME, readManifest, type ManifestArtifact, type ManifestFailure } from '../render/manifest.ts';

export interface ArtifactView extends ManifestArtifact {
  /** Absolute path of the file. */
  file: string;
  /** Absolute path of the spec that made it. */
  specFile: string;
  /** False when the manifest lists a file that is no longer there. */
  exists: boolean;
}

export interface ArtifactFailureView extends ManifestFailure {
  /** Absolute path of the spec whose run failed. */
  specFile: string;
}

export interface ArtifactFolderView {
  /** Absolute output folder. */
  folder: string;
  /** none: no manifest.json (nothing rendered here yet); unreadable: one that is not a promo manifest. */
  manifest: 'ok' | 'none' | 'unreadable';
  generatedAt?: string;
  artifacts: ArtifactView[];
  failures: ArtifactFailureView[];
  warnings: string[];
}

/** Reads the manifest of each folder; folders without one are listed empty. */
export async function readArtifacts(folders: readonly string[]): Promise<ArtifactFolderView[]> {
  return Promise.all(folders.map(async (folder): Promise<ArtifactFolderView> => {
    const manifest = await readManifest(folder);
    if (!manifest) {
      return { folder, manifest: existsSync(join(folder, MANIFEST_NAME)) ? 'unreadable' : 'none', artifacts: [], failures: [], warnings: [] };
    }
    // Manifests written before entries named their spec: the manifest's own spec made them.
    const specOf = (entry: { spec?: string }) => resolve(folder, entry.spec ?? manifest.spec);
    const warnings = [...(manifest.warnings ?? [])];
    const artifacts: ArtifactView[] = [];
    for (const artifact of manifest.artifacts) {
      const file = resolve(folder, artifact.path);
      // A hand-edited or hostile manifest must not point a reader (the dashboard serves these
      // files) outside its folder.
      const inFolder = relative(folder, file);
      if (inFolder.startsWith('..') || isAbsolute(inFolder)) {
        warnings.push(`${MANIFEST_NAME} lists ${artifact.path}, outside ${folder}: left out`);
        continue;
      }
      artifacts.push({ ...artifact, file, specFile: specOf(artifact), exists: existsSync(file) });
    }
    return {
      folder,
      manifest: 'ok',
      generatedAt: manifest.generatedAt,
      artifacts,
      failures: manifest.failures.map((failure) => ({ ...failure, specFile: specOf(failure) })),
      warnings,
    };
  }));
}
