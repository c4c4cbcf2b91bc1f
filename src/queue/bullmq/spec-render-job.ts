// One job of a distributed `promo render` (queue `spec-render`): a product of a spec, or the reel
// (the flow's parent, run once its products have ended). Shared by the CLI that enqueues the
// flow and the workers that run it.
import type { RunArtifact } from '../../render/manifest.ts';

export const SPEC_RENDER_QUEUE = 'spec-render';

export interface SpecRenderData {
  /** Absolute spec path (visible to every worker). */
  spec: string;
  /** Absolute output folder (visible to every worker). */
  out: string;
  /** The product to render; undefined for the reel. */
  sku?: string;
  presets?: string[];
  force?: boolean;
  /** The reel's only: its products' job ids and SKUs, so it leaves out those that failed. */
  products?: Record<string, string>;
}

/** What a worker's job returns when it ends well: the CLI's summary and --json are built from it. */
export interface SpecRenderResult {
  status: 'rendered' | 'partial' | 'cached';
  presets: string[];
  seconds?: number;
  duration?: number;
  artifacts: RunArtifact[];
}

/** What a worker reports as it renders (job.updateProgress). */
export interface SpecRenderProgress {
  fraction: number;
  stage: string;
  worker: string;
}
