// The reel's job in a batch: every product that did not fail, one after another, into each preset.
// Its key covers the products it holds and the ones it leaves out, so a product fixed later
// renders it again.
import { join } from 'node:path';
import { hashValue, type FileHasher } from '../cache/file-hasher.ts';
import type { PresetDef } from '../presets/presets.ts';
import { PromoError } from '../util/promo-error.ts';
import { KeptUseLog } from '../util/kept-use-log.ts';
import { wrapUnknown } from './as-product-error.ts';
import type { BatchRun } from './batch-run.ts';
import { REEL } from './build-manifest.ts';
import type { CurrentCheck } from './create-current-check.ts';
import { planOutputKey, planProductKey } from './product-keys.ts';
import type { JobStatus, JobSummary } from './render-batch-types.ts';
import { renderTimelineJob } from './render-timeline-job.ts';
import { resolveProductMedia, type ResolvedProduct } from './resolve-product-media.ts';
import { splitByDurationLimits } from './split-by-duration-limits.ts';
import { toRunArtifacts } from './to-run-artifacts.ts';

export interface ReelJobOptions {
  sharedKey: string;
  hasher: FileHasher;
  isCurrent: CurrentCheck;
}

/** Renders the reel after the product jobs; never throws (a failure is in its summary). */
export async function renderReelJob(run: BatchRun, options: ReelJobOptions): Promise<void> {
  const { spec, presets, outDir, signal, events } = run;
  const included: ResolvedProduct[] = [];
  const keys: string[] = [];
  const left: string[] = [];
  for (const product of spec.products) {
    if (run.failedProducts.has(product.sku)) {
      left.push(product.sku);
      continue;
    }
    try {
      const key = await planProductKey(options.sharedKey, product, options.hasher, spec);
      keys.push(key);
      included.push(run.resolvedProducts.get(product.sku) ?? await resolveProductMedia(spec, product, run.access));
    } catch {
      left.push(product.sku);
    }
  }
  const summary = (status: JobStatus, extra: Partial<JobSummary> = {}) => {
    run.finish({ name: REEL, sku: null, status, presets: presets.map((p) => p.name), artifacts: [], ...extra });
  };
  if (included.length === 0) {
    summary('failed', { error: new PromoError('RENDER_FAILED', 'the reel has no products: every product failed', { hint: 'fix the products above, then render again' }) });
    return;
  }
  const key = hashValue({ keys, left });
  const todo: PresetDef[] = [];
  for (const preset of presets) if (!(await options.isCurrent(null, preset, planOutputKey(key, preset), ['reel', 'cover']))) todo.push(preset);
  if (left.length > 0) run.warnings.push(`the reel leaves out ${left.join(', ')} (failed)`);
  if (todo.length === 0) {
    summary('cached');
    return;
  }
  events.onJobStart?.(REEL);
  const started = Date.now();
  try {
    const { allowed, refused } = splitByDurationLimits(spec, included.reduce((s, p) => s + p.duration, 0), todo);
    if (allowed.length === 0) throw refused;
    const ctx = await run.context(REEL);
    // In a log of its own: the kept files this job's outputs are made with (kept-cache/record-kept-uses.ts).
    const { result, used } = await KeptUseLog.run(() => renderTimelineJob(ctx, {
      name: REEL,
      products: included,
      presets: allowed,
      reel: true,
      destination: (preset) => ({ video: join(outDir, REEL, `${preset.name}.mp4`), cover: join(outDir, REEL, `${preset.name}.jpg`) }),
    }, (fraction, stage) => events.onJobProgress?.(REEL, fraction, stage)));
    if (run.dryRun) {
      summary('planned', { presets: allowed.map((p) => p.name), duration: result.duration });
      return;
    }
    if (refused) run.failedPresets.set(REEL, new Set(todo.filter((p) => !allowed.includes(p)).map((p) => p.name)));
    summary(refused ? 'partial' : 'rendered', {
      error: refused,
      presets: allowed.map((p) => p.name),
      seconds: (Date.now() - started) / 1000,
      duration: result.duration,
      keptUsed: used,
      artifacts: toRunArtifacts(result, { sku: null, key, presets, outDir }),
    });
  } catch (error) {
    if (!signal.aborted) run.failedPresets.set(REEL, new Set(todo.map((p) => p.name)));
    summary(signal.aborted ? 'interrupted' : 'failed', { error: error instanceof PromoError ? error : wrapUnknown(error) });
  }
}
