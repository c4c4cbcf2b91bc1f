// What the product jobs and the reel job of one `promo render` share while they run: the batch's
// inputs, how to reach footage and make a job's context, and what the jobs learnt so far (which
// products failed, which presets could not be rendered, the products already resolved).
import type { PresetDef } from '../presets/presets.ts';
import type { PromoSpec } from '../promo-spec/spec-types.ts';
import type { JobSummary, RenderEvents } from './render-batch-types.ts';
import type { RenderContext } from './render-context.ts';
import type { MediaAccess, ResolvedProduct } from './resolve-product-media.ts';

export interface BatchRun {
  spec: PromoSpec;
  /** The presets selected for this run. */
  presets: PresetDef[];
  outDir: string;
  access: MediaAccess;
  signal: AbortSignal;
  events: RenderEvents;
  dryRun?: boolean;
  /** The context of the job of this name (its name goes with its dry-run commands). */
  context(job: string): Promise<RenderContext>;
  /** Records a finished job: adds it to the batch's jobs and reports it. */
  finish(summary: JobSummary): void;
  /** Products resolved by their own job, by SKU, for the reel to reuse. */
  resolvedProducts: Map<string, ResolvedProduct>;
  /** SKUs the reel leaves out. */
  failedProducts: Set<string>;
  /** Presets a job tried and failed to render, by job name: their old outputs are not current. */
  failedPresets: Map<string, Set<string>>;
  /** Batch-wide warnings for the manifest. */
  warnings: string[];
}
