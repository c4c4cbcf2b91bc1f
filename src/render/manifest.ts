// manifest.json: every artifact of the output folder (sku, preset, path, duration, size, sha256,
// the spec that made it) and every failure, written atomically so a reader never sees half a file.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../util/write-atomic.ts';

export interface ManifestArtifact {
  /** The product's SKU, or null for the reel. */
  sku: string | null;
  preset: string;
  kind: 'video' | 'cover' | 'reel';
  /** Relative to the manifest's folder. */
  path: string;
  /** Seconds (videos only). */
  duration?: number;
  width: number;
  height: number;
  sha256: string;
  bytes: number;
  /** Render cache key: the artifact is current while its inputs hash to this. */
  key: string;
  renderedAt: string;
  /** The spec that made it, relative to the manifest's folder (several specs may share a folder). */
  spec: string;
  /** What is wrong with it though it was made (a video short of the loudness target): kept while it is current. */
  warning?: string;
}

/** An artifact as a job reports it; the manifest adds the spec. */
export type RunArtifact = Omit<ManifestArtifact, 'spec'>;

export interface ManifestFailure {
  /** The product's SKU, or null for the reel. */
  sku: string | null;
  /** The spec whose run failed, relative to the manifest's folder. */
  spec: string;
  code: string;
  message: string;
  /** `spec.yaml:LINE:COL` when the problem has a place in the spec. */
  location?: string;
  hint?: string;
}

export interface Manifest {
  version: 1;
  /** The spec that wrote the manifest last, relative to its folder. */
  spec: string;
  generatedAt: string;
  artifacts: ManifestArtifact[];
  failures: ManifestFailure[];
  warnings: string[];
}

export const MANIFEST_NAME = 'manifest.json';

/** Reads the manifest of an output folder; undefined when there is none or it is unreadable. */
export async function readManifest(outDir: string): Promise<Manifest | undefined> {
  try {
    const parsed = JSON.parse(await readFile(join(outDir, MANIFEST_NAME), 'utf8')) as Manifest;
    return parsed.version === 1 && Array.isArray(parsed.artifacts) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a manifest via a temporary file and a rename. */
export async function writeManifest(outDir: string, manifest: Manifest): Promise<string> {
  const file = join(outDir, MANIFEST_NAME);
  await writeAtomic(file, `${JSON.stringify(manifest, null, 2)}\n`);
  return file;
}
