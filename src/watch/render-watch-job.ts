// Renders one job of a watched inbox: the matched product of the spec's current version, with the
// dropped file as its footage, into the configured output folder (the same layout and manifest as
// `promo render`). It only renders: where the original goes afterwards is the watcher's part
// (moveJobFile, when the runner reports the job ended), so a worker never moves inbox files.
import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import type { PromoConfig } from '../config/config-types.ts';
import { JobReleased, type Job, type JobHandler, type JobOutcome } from '../queue/job-runner.ts';
import { renderBatch } from '../render/render-batch.ts';
import type { PrunePacer } from '../render/kept-cache/prune-pacer.ts';
import { renderWithKeptCache } from '../render/kept-cache/render-with-kept-cache.ts';
import { inboxFolders } from './inbox-folders.ts';
import type { SpecHolder } from './spec-holder.ts';

export interface WatchJobHandlerOptions {
  config: PromoConfig;
  /** The spec holder of each watched spec, by absolute path. */
  specs: ReadonlyMap<string, SpecHolder>;
  log: (line: string) => void;
  /** Paces the output folder's prune after each job (the caller flushes it when it stops). */
  pacer: PrunePacer;
}

/** How often a running job checks that its file has not changed since it was taken. */
const FILE_CHECK_MS = 1000;

/** Makes the handler the job runner calls for each job. */
export function createWatchJobHandler(options: WatchJobHandlerOptions): JobHandler {
  const { pacer } = options;
  return async (job, context) => {
    const { signal } = context;
    const workPath = job.footage!;
    const folders = inboxFolders(job.inbox);
    const now = await stat(workPath).catch(() => undefined);
    if (!now) {
      options.log(`${job.fileName}: job #${job.id} has no file any more (it left ${relative(job.inbox, folders.work)}); drop it again`);
      return { state: 'failed', outputs: [], error: `${job.fileName} is no longer in ${folders.work}; drop it again` };
    }
    // The watcher puts a changed file back in the inbox (moveJobFile), to be taken again once complete.
    if (now.size !== job.size || now.mtimeMs !== job.mtimeMs) {
      return { state: 'failed', outputs: [], error: 'the file changed after it was taken; it was put back in the inbox and is taken again once complete' };
    }
    const holder = options.specs.get(job.spec);
    const spec = holder ? await holder.current() : undefined;
    const product = spec?.products.find((p) => p.sku === job.sku);
    if (!spec || !product) {
      return {
        state: 'failed',
        outputs: [],
        error: `${job.fileName} was matched to ${job.sku}, which is no longer in ${job.spec}; add the product back or rename the file, then drop it again`,
      };
    }

    // Abort the render if the file changes under it (a copy that paused longer than `settle`).
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    let changed = false;
    const watchdog = setInterval(async () => {
      if (await hasChanged(job, workPath)) {
        changed = true;
        controller.abort();
      }
    }, FILE_CHECK_MS);
    // The watcher gives the changed file back to the inbox: it is taken again (as a new job) once it has settled.
    const giveBack = (): JobOutcome => ({
      state: 'failed',
      outputs: [],
      error: 'the file changed while it was rendering; it was put back in the inbox and is taken again (as a new job) once complete',
    });
    let presets: string[] = [];
    try {
      // `only` leaves the reel out; the spec keeps `reel` as it is, so the manifest knows the reel
      // (and a failure of it) still belongs to the spec.
      const jobSpec = {
        ...spec,
        products: spec.products.map((p) => (p.sku === product.sku ? { ...p, footage: workPath } : p)),
      };
      // Then the output folder's kept files are pruned by `cache:` (least recently used first).
      const cacheRun = { outDir: options.config.out, limits: options.config.cache, onNotice: (text: string) => options.log(text), pacer };
      const result = await renderWithKeptCache(cacheRun, () => renderBatch({
        spec: jobSpec,
        config: options.config,
        outDir: options.config.out,
        only: [product.sku],
        concurrency: 1,
        signal: controller.signal,
        knownHashes: job.contentSha256 ? [{ file: workPath, sha256: job.contentSha256 }] : [],
        sweepStaleTemps: false,
        events: {
          onPlan: (planned) => { presets = planned.find((p) => p.name === product.sku)?.presets ?? []; },
          // The same figures `promo render` draws its bars from (ffmpeg's -progress); the runner throttles the writes.
          onJobProgress: (name, fraction, stage) => context.progress(fraction, `${name} ${presets.join(', ')}: ${stage}`),
        },
      }));
      const summary = result.jobs.find((j) => j.sku === product.sku);
      if (changed) return giveBack();
      if (result.interrupted || !summary || summary.status === 'interrupted') throw new JobReleased('interrupted');
      const outputs = result.manifest.artifacts
        .filter((a) => a.sku === product.sku && a.spec === result.manifest.spec)
        .map((a) => `${options.config.out}/${a.path}`);
      return summary.status === 'failed'
        ? { state: 'failed', outputs: [], error: summary.error?.describe(spec.dir) ?? 'the render failed' }
        : { state: 'done', outputs, error: summary.status === 'partial' ? summary.error?.describe(spec.dir) : undefined };
    } catch (error) {
      if (changed) return giveBack();
      throw error;
    } finally {
      clearInterval(watchdog);
      signal.removeEventListener('abort', onAbort);
    }
  };
}

async function hasChanged(job: Job, workPath: string): Promise<boolean> {
  const info = await stat(workPath).catch(() => undefined);
  return !info || info.size !== job.size || info.mtimeMs !== job.mtimeMs;
}
