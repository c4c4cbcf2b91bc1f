// The worker side of a distributed `promo render`: renders one product (or the reel) of a spec
// with renderBatch, exactly as a local render would, into the shared output folder, reporting its
// progress (throttled). A spec that does not load or a product that fails is a bad input
// (UnrecoverableError: the reel then leaves the product out, as locally); a path this worker cannot
// see is retried with backoff. A lost lock aborts the render (its ffmpeg).
import { access, constants, stat } from 'node:fs/promises';
import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { PromoConfig } from '../../config/config-types.ts';
import { loadSpec } from '../../promo-spec/load-spec.ts';
import { renderBatch } from '../../render/render-batch.ts';
import { LONG_RUN_PRUNE_INTERVAL_MS, PrunePacer } from '../../render/kept-cache/prune-pacer.ts';
import { renderWithKeptCache } from '../../render/kept-cache/render-with-kept-cache.ts';
import { processOwner } from '../../util/process-owner.ts';
import { formatYamlIssue } from '../../yaml/yaml-issue.ts';
import { SPEC_RENDER_QUEUE, type SpecRenderData, type SpecRenderProgress, type SpecRenderResult } from './spec-render-job.ts';
import { JobReleased } from '../job-runner.ts';
import type { WorkerSlots } from './worker-slots.ts';

const PROGRESS_MS = 1000;

export interface SpecRenderWorkerOptions {
  connection: Redis;
  prefix: string;
  config: PromoConfig;
  concurrency: number;
  lockSeconds: number;
  log: (line: string) => void;
  /** Jobs at once shared with the process's other BullMQ workers (`promo worker --concurrency`). */
  slots?: WorkerSlots;
  /** Paces the output folders' prunes, shared with the process's inbox jobs (default: one of its own). */
  pacer?: PrunePacer;
}

/** Starts taking spec-render jobs; close() the returned worker to stop. */
export function startSpecRenderWorker(options: SpecRenderWorkerOptions): Worker<SpecRenderData> {
  const { config, log } = options;
  // One prune per output folder and minute at most, however many jobs this worker renders there.
  const pacer = options.pacer ?? new PrunePacer(LONG_RUN_PRUNE_INTERVAL_MS);
  const worker: Worker<SpecRenderData> = new Worker<SpecRenderData>(SPEC_RENDER_QUEUE, async (job: Job<SpecRenderData>, token, signal) => {
    // A job fetched while the process's other worker filled the last slot waits for one (lock
    // kept); a lost lock meanwhile fails this attempt, as during a render; a stop hands it back.
    try {
      await options.slots?.acquire(signal);
    } catch (error) {
      if (!(error instanceof JobReleased)) throw error;
      await job.moveToWait(token);
      throw new WaitingError();
    }
    try {
      return await renderSpecJob(job, signal);
    } finally {
      options.slots?.release();
    }
  }, {
    connection: options.connection, prefix: options.prefix, concurrency: options.concurrency, name: processOwner(),
    lockDuration: options.lockSeconds * 1000, stalledInterval: Math.max(1000, options.lockSeconds * 500), maxStalledCount: 1,
  });
  worker.on('error', (error) => log(`queue: ${error.message} (retrying)`));
  worker.on('lockRenewalFailed', (ids) => ids.forEach((id) => worker.cancelJob(id, 'lock lost')));
  options.slots?.attach(worker);
  return worker;

  async function renderSpecJob(job: Job<SpecRenderData>, signal: AbortSignal | undefined): Promise<SpecRenderResult> {
    const { data } = job;
    const name = data.sku ?? 'reel';
    if (!(await stat(data.spec).catch(() => undefined)) || (await access(data.out, constants.W_OK).then(() => false, () => true))) {
      const message = `${data.spec} or ${data.out} is not visible (or not writable) on worker ${processOwner()}; mount the shared volume at the same path on every worker`;
      log(`render ${name}: handed back for a retry: ${message}`);
      throw new Error(message); // retried with backoff: another worker may see it
    }
    const loaded = await loadSpec(data.spec, { timezone: config.timezone });
    if (!loaded.ok) throw new UnrecoverableError(loaded.issues.map((issue) => formatYamlIssue(issue, process.cwd())).join('; '));
    let reported = 0;
    // The reel leaves out the products whose jobs failed (ignoreDependencyOnFailure keeps their
    // reasons, by job key `prefix:queue:id`), even those that fail only in ffmpeg.
    const failedChildren = Object.keys(data.sku === undefined ? await job.getIgnoredChildrenFailures() : {});
    const leaveOut = Object.entries(data.products ?? {}).filter(([id]) => failedChildren.some((key) => key.endsWith(`:${id}`))).map(([, sku]) => sku);
    log(`render ${name} of ${data.spec}${leaveOut.length > 0 ? ` leaving out ${leaveOut.join(', ')} (failed on the workers)` : ''}`);
    // Then the output folder's kept files are pruned by `cache:` (least recently used first).
    const cacheRun = { outDir: data.out, limits: config.cache, onNotice: log, pacer };
    const result = await renderWithKeptCache(cacheRun, () => renderBatch({
      spec: loaded.spec, config, outDir: data.out, only: [name], presets: data.presets, force: data.force, concurrency: 1, signal, leaveOut,
      events: {
        onJobProgress: (_job, fraction, stage) => {
          if (Date.now() - reported < PROGRESS_MS) return;
          reported = Date.now();
          const progress: SpecRenderProgress = { fraction, stage, worker: processOwner() };
          job.updateProgress(progress as unknown as object).catch(() => {});
        },
      },
    }));
    if (result.interrupted) throw new Error('interrupted (lock lost or worker stopping)');
    const summary = result.jobs.find((j) => j.name.toLowerCase() === name.toLowerCase());
    log(`render ${name}: ${summary?.status ?? 'nothing to do'}`);
    // The failure itself (code, message, place in the spec) is in the manifest this render wrote.
    if (summary?.status === 'failed') throw new UnrecoverableError(summary.error?.describe(loaded.spec.dir) ?? 'failed');
    const value: SpecRenderResult = {
      status: summary?.status === 'rendered' || summary?.status === 'partial' ? summary.status : 'cached',
      presets: summary?.presets ?? [], seconds: summary?.seconds, duration: summary?.duration, artifacts: summary?.artifacts ?? [],
    };
    return value;
  }
}
