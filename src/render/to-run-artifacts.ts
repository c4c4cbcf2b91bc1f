// A rendered job's files as the manifest lists them: paths relative to the output folder, the
// cache key of each preset's output, the render time, and the loudness warning on the video.
import { relative } from 'node:path';
import type { PresetDef } from '../presets/presets.ts';
import type { RunArtifact } from './manifest.ts';
import { planOutputKey } from './product-keys.ts';
import type { TimelineJobResult } from './render-timeline-job.ts';

export interface RunArtifactsOptions {
  /** The product's SKU, or null for the reel (whose videos are listed as kind `reel`). */
  sku: string | null;
  /** The job's cache key, before the preset is added. */
  key: string;
  presets: readonly PresetDef[];
  outDir: string;
}

/** The manifest entries of a job's result. */
export function toRunArtifacts(result: TimelineJobResult, options: RunArtifactsOptions): RunArtifact[] {
  const { sku, key, presets, outDir } = options;
  const renderedAt = new Date().toISOString();
  return result.artifacts.map((a) => ({
    sku,
    preset: a.preset,
    kind: a.kind === 'video' && sku === null ? 'reel' as const : a.kind,
    path: relative(outDir, a.path),
    duration: a.duration,
    width: a.width,
    height: a.height,
    sha256: a.sha256,
    bytes: a.bytes,
    key: planOutputKey(key, presets.find((p) => p.name === a.preset)!),
    renderedAt,
    ...(result.warning && a.kind === 'video' ? { warning: result.warning } : {}),
  }));
}
