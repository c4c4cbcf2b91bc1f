// One product's job in a batch: resolve its media, render the presets its duration allows, and
// report what it made; its failure stays its own (the reel leaves it out).
import { join } from 'node:path';
import { KeptUseLog } from '../util/kept-use-log.ts';
import { asProductError } from './as-product-error.ts';
import type { BatchRun } from './batch-run.ts';
import type { ProductWork } from './list-product-work.ts';
import type { JobStatus, JobSummary } from './render-batch-types.ts';
import { renderTimelineJob } from './render-timeline-job.ts';
import { resolveProductMedia } from './resolve-product-media.ts';
import { splitByDurationLimits } from './split-by-duration-limits.ts';
import { toRunArtifacts } from './to-run-artifacts.ts';

/** Renders one product's work; never throws (a failure is in the summary). */
export async function renderProductJob(run: BatchRun, plan: ProductWork): Promise<JobSummary> {
  const { spec, presets, outDir, signal, events } = run;
  const { product } = plan;
  const name = product.sku;
  const summary = (status: JobStatus, extra: Partial<JobSummary> = {}): JobSummary => {
    const result: JobSummary = { name, sku: name, status, presets: plan.todo.map((p) => p.name), artifacts: [], ...extra };
    run.finish(result);
    return result;
  };
  if (plan.error) {
    run.failedProducts.add(name);
    run.failedPresets.set(name, new Set(plan.todo.map((p) => p.name)));
    return summary('failed', { error: plan.error });
  }
  if (plan.todo.length === 0) return summary('cached', { presets: presets.map((p) => p.name) });
  if (signal.aborted) return summary('interrupted');
  events.onJobStart?.(name);
  const started = Date.now();
  try {
    const resolved = await resolveProductMedia(spec, product, run.access);
    run.resolvedProducts.set(name, resolved);
    const { allowed, refused } = splitByDurationLimits(spec, resolved.duration, plan.todo, product);
    if (allowed.length === 0) throw refused;
    const ctx = await run.context(name);
    // In a log of its own: the kept files this job's outputs are made with (kept-cache/record-kept-uses.ts).
    const { result, used } = await KeptUseLog.run(() => renderTimelineJob(ctx, {
      name,
      products: [resolved],
      presets: allowed,
      reel: false,
      destination: (preset) => ({
        video: join(outDir, name, `${preset.name}.mp4`),
        cover: join(outDir, name, `${preset.name}.jpg`),
      }),
    }, (fraction, stage) => events.onJobProgress?.(name, fraction, stage)));
    if (run.dryRun) return summary('planned', { duration: result.duration });
    if (refused) run.failedPresets.set(name, new Set(plan.todo.filter((p) => !allowed.includes(p)).map((p) => p.name)));
    return summary(refused ? 'partial' : 'rendered', {
      error: refused,
      presets: allowed.map((p) => p.name),
      seconds: (Date.now() - started) / 1000,
      duration: result.duration,
      keptUsed: used,
      artifacts: toRunArtifacts(result, { sku: name, key: plan.key!, presets, outDir }),
    });
  } catch (error) {
    if (signal.aborted) return summary('interrupted');
    run.failedProducts.add(name);
    run.failedPresets.set(name, new Set(plan.todo.map((p) => p.name)));
    return summary('failed', { error: asProductError(spec, product, error) });
  }
}
