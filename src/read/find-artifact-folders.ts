// Which output folders hold artifacts promo knows of: the configured `out`, any folders a caller
// names (e.g. a `promo render --out` elsewhere), and the folder of every video a stored post or
// job refers to (`<out>/<SKU or reel>/<preset>.mp4`: two levels up) whose manifest is still there.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { MANIFEST_NAME } from '../render/manifest.ts';

export interface ArtifactFolderSources {
  /** The configured output folder (always listed, with or without a manifest). */
  out: string;
  /** More folders to list as they are. */
  extra?: readonly string[];
  /** Files in output folders that posts and jobs refer to. */
  files?: readonly string[];
}

/** The output folders to read manifests from, `out` first, each once. */
export function findArtifactFolders(sources: ArtifactFolderSources): string[] {
  const folders = new Set([resolve(sources.out), ...(sources.extra ?? []).map((folder) => resolve(folder))]);
  for (const file of sources.files ?? []) {
    const folder = dirname(dirname(resolve(file)));
    if (!folders.has(folder) && existsSync(join(folder, MANIFEST_NAME))) folders.add(folder);
  }
  return [...folders];
}
