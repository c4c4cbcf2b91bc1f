// `promo render`: every selected product into every selected preset, then the reel. Products are
// independent: one's bad footage fails that product only. Unchanged outputs are not rendered
// again. The manifest lists what exists and what failed.
import { mkdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { FileHasher, hashValue } from '../cache/file-hasher.ts';
import { resolveEngine } from '../engine/resolve-engine.ts';
import { limitSharpMemory } from '../media/limit-sharp-memory.ts';
import { loadTemplates } from '../graphics/load-templates.ts';
import { prepareFonts } from '../graphics/prepare-fonts.ts';
import { runPool } from '../util/run-pool.ts';
import { tempPathFor } from '../util/temp-path.ts';
import { readManifest } from './manifest.ts';
import { buildManifest, REEL } from './build-manifest.ts';
import { selectPresets, selectProducts } from './select-outputs.ts';
import { planSharedKey } from './product-keys.ts';
import { readRenderCache } from './render-cache-file.ts';
import { removeStaleTemps } from './remove-stale-temps.ts';
import type { BatchResult, JobSummary, RenderBatchOptions } from './render-batch-types.ts';
import type { BatchRun } from './batch-run.ts';
import { createMediaAccess } from './create-media-access.ts';
import { createCurrentCheck } from './create-current-check.ts';
import { createRenderContexts } from './create-render-contexts.ts';
import { listProductWork } from './list-product-work.ts';
import { renderProductJob } from './render-product-job.ts';
import { renderReelJob } from './render-reel-job.ts';
import { mergeBatchManifest } from './merge-batch-manifest.ts';

/** Renders a batch; never throws for a product's problems (they are in the result). */
export async function renderBatch(options: RenderBatchOptions): Promise<BatchResult> {
  const { spec, config, outDir } = options;
  const events = options.events ?? {};
  const signal = options.signal ?? new AbortController().signal;
  const presets = selectPresets(spec, options.presets);
  const products = selectProducts(spec, options.only);
  const wantReel = spec.reel && (options.only === undefined || options.only.some((s) => s.toLowerCase() === REEL));

  limitSharpMemory();
  await mkdir(outDir, { recursive: true });
  if (options.sweepStaleTemps !== false) {
    for (const file of await removeStaleTemps(outDir)) events.onNotice?.(`removed an unfinished file from an interrupted run: ${relative(outDir, file)}`);
  }
  const engine = await resolveEngine(config.engine);
  for (const notice of engine.notices) events.onNotice?.(notice);
  const [fonts, templates, cache, previous] = await Promise.all([
    prepareFonts(),
    loadTemplates({ overrideDir: spec.templates, cacheFile: join(outDir, '.promo', 'templates.json') }),
    readRenderCache(outDir),
    readManifest(outDir),
  ]);
  const hasher = new FileHasher(cache.files);
  for (const known of options.knownHashes ?? []) await hasher.remember(known.file, known.sha256);
  const graphicsHash = hashValue({
    templates: [templates.intro, templates.outro, templates.cover, templates.badge, templates.logo, ...Object.values(templates.captions)].map((t) => t.hash),
    fonts: [fonts.regular, fonts.bold],
  });
  const sharedKey = await planSharedKey({ spec, hasher, graphicsHash, engineIdentity: engine.identity });
  await mkdir(join(outDir, '.promo'), { recursive: true });
  // A temp folder of the one scheme: the stale-temp sweeper removes it if this run is killed.
  const workDir = tempPathFor(join(outDir, '.promo', 'work'));
  await mkdir(workDir);

  // Plan: which outputs are current, which need rendering.
  const isCurrent = createCurrentCheck(outDir, previous?.artifacts ?? [], options.force);
  const plans = await listProductWork({ spec, products, presets, sharedKey, hasher, isCurrent });

  const jobs: JobSummary[] = [];
  const run: BatchRun = {
    spec, presets, outDir, signal, events,
    dryRun: options.dryRun,
    access: createMediaAccess({ engine, hasher, cache, outDir, workDir, signal }),
    context: createRenderContexts({
      spec, config, engine, fonts, templates, cache, outDir, workDir, signal, events,
      force: options.force,
      dryRun: options.dryRun,
      hashFile: (file) => hasher.hash(file),
    }),
    finish: (summary) => {
      jobs.push(summary);
      events.onJobEnd?.(summary);
    },
    resolvedProducts: new Map(),
    failedProducts: new Set(options.leaveOut),
    failedPresets: new Map(),
    warnings: [],
  };

  events.onPlan?.([
    ...plans.map((p) => ({ name: p.product.sku, presets: presets.map((x) => x.name), cached: p.todo.length === 0 && !p.error })),
    ...(wantReel ? [{ name: REEL, presets: presets.map((x) => x.name), cached: false }] : []),
  ]);

  // A dry run prints each job's commands in order, so it runs one job at a time.
  const concurrency = options.dryRun ? 1 : Math.max(1, options.concurrency ?? config.render.concurrency);
  await runPool(plans.map((plan) => () => renderProductJob(run, plan)), concurrency);
  if (wantReel && !signal.aborted) await renderReelJob(run, { sharedKey, hasher, isCurrent });

  await rm(workDir, { recursive: true, force: true });
  if (options.dryRun) {
    const manifest = buildManifest(spec, outDir, previous, jobs, run.failedPresets);
    return { jobs, manifest, manifestPath: '', interrupted: signal.aborted };
  }
  const { manifest, manifestPath } = await mergeBatchManifest({ spec, outDir, jobs, failedPresets: run.failedPresets, warnings: run.warnings, hasher, cache });
  return { jobs, manifest, manifestPath, interrupted: signal.aborted };
}
