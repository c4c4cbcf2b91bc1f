// `promo worker`: takes render jobs from the BullMQ queue (queue.backend: bullmq) until stopped,
// rendering each as `promo watch` would in-process (createWatchJobHandler), into this machine's
// view of the shared `out` folder. Before a job renders it checks that the job's paths are visible
// here (the inbox's work folder, the spec, the output folder): a worker whose shared volume is not
// mounted hands the job back for a retry with backoff (another worker may see it) and says why.
import { access, constants, mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PromoConfig } from '../config/config-types.ts';
import { Redis } from 'ioredis';
import { BullmqJobRunner } from '../queue/bullmq-job-runner.ts';
import { redisTarget } from '../queue/bullmq/redis-target.ts';
import { startSpecRenderWorker } from '../queue/bullmq/spec-render-worker.ts';
import { WorkerSlots } from '../queue/bullmq/worker-slots.ts';
import { createJobRunner } from '../queue/create-job-runner.ts';
import type { Job, JobHandler } from '../queue/job-runner.ts';
import { RetryLater } from '../queue/retry-later.ts';
import { processOwner } from '../util/process-owner.ts';
import { PromoError } from '../util/promo-error.ts';
import { LONG_RUN_PRUNE_INTERVAL_MS, PrunePacer } from '../render/kept-cache/prune-pacer.ts';
import { createWatchJobHandler } from './render-watch-job.ts';
import { holdSpec, type SpecHolder } from './spec-holder.ts';

export interface RunWorkerOptions {
  config: PromoConfig;
  signal: AbortSignal;
  log: (line: string) => void;
  /** Jobs at once, inbox renders and distributed `promo render` products together; default `render.concurrency`. */
  concurrency?: number;
  /** Seconds running jobs may take to finish after the stop signal before they are cancelled (and handed back). */
  graceSeconds: number;
}

/** Works until `signal` aborts, then closes gracefully. */
export async function runWorker(options: RunWorkerOptions): Promise<void> {
  const { config, log } = options;
  if (config.queue.backend !== 'bullmq') {
    throw new PromoError('CONFIG_INVALID', 'promo worker takes jobs from a BullMQ queue, but queue.backend is local', {
      location: config.queue.at, hint: 'set `queue: { backend: bullmq, redis: redis://HOST:6379/0 }` in config.yaml (the embedded runner renders inside promo watch)',
    });
  }
  // One count for both queues the worker takes from: --concurrency N is N jobs at once in all.
  const concurrency = options.concurrency ?? config.render.concurrency;
  const slots = new WorkerSlots(concurrency);
  const runner = createJobRunner(config, {
    inboxes: [],
    concurrency,
    slots,
    onError: (message) => log(`queue: ${message} (retrying)`),
  }) as BullmqJobRunner;
  try {
    await runner.list({ limit: 1 }); // connects: fails fast (exit 3) when Redis is unreachable or unsafe
    const specs = new Map<string, SpecHolder>();
    // One prune per output folder and minute at most, whichever kind of job rendered into it.
    const pacer = new PrunePacer(LONG_RUN_PRUNE_INTERVAL_MS);
    const render = createWatchJobHandler({ config, specs, log, pacer });
    const handler: JobHandler = async (job, context) => {
      try {
        await checkVisible(job, config);
      } catch (error) {
        log(`job #${job.id} (${job.fileName}) handed back for a retry: ${(error as Error).message}`);
        throw error;
      }
      if (!specs.has(job.spec)) specs.set(job.spec, await holdSpec(job.spec, { timezone: config.timezone, onReport: log }));
      log(`job #${job.id} rendering ${job.sku} from ${job.fileName}${job.attempts > 1 ? ` (attempt ${job.attempts})` : ''}`);
      const outcome = await render(job, context);
      log(`job #${job.id} ${outcome.state}${outcome.error ? `: ${outcome.error}` : ''}`);
      return outcome;
    };
    runner.start(handler);
    // The jobs of a distributed `promo render` (one per product, the reel after them).
    const connection = new Redis(redisTarget(config.queue).url, { maxRetriesPerRequest: null });
    connection.on('error', () => {}); // reported by the worker's own error events
    const renders = startSpecRenderWorker({
      connection, prefix: config.queue.prefix ?? 'promo', config, log,
      concurrency, lockSeconds: config.queue.lock ?? 60, slots, pacer,
    });
    log(`worker ${processOwner()} taking jobs from ${runner.describe()}; Ctrl-C or SIGTERM stops it`);
    await new Promise<void>((resolve) => {
      if (options.signal.aborted) return resolve();
      options.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    log(`stopping: no new jobs are taken; running ones get ${options.graceSeconds} s to finish, then go back to the queue`);
    const cancel = setTimeout(() => renders.cancelAllJobs('promo worker stopping'), options.graceSeconds * 1000);
    slots.close(); // jobs fetched but not started go back to the queue at once
    await slots.detach(renders);
    await Promise.all([runner.drain(options.graceSeconds * 1000), renders.close()]);
    clearTimeout(cancel);
    connection.disconnect();
    await pacer.flush();
  } finally {
    await runner.close();
  }
}

/** Throws RetryLater when a path of `job` cannot be seen or written from this machine. */
async function checkVisible(job: Job, config: PromoConfig): Promise<void> {
  const where = `on worker ${processOwner()}`;
  const missing = async (path: string) => !(await stat(path).catch(() => undefined));
  if (job.footage && (await missing(dirname(job.footage)))) {
    throw new RetryLater(`the footage folder ${dirname(job.footage)} is not visible ${where}; mount the shared volume at the same path on every worker`);
  }
  if (await missing(job.spec)) throw new RetryLater(`the spec ${job.spec} is not visible ${where}; mount the shared volume at the same path on every worker`);
  // The first job makes the output folder (as promo render would), but only inside a parent that is there.
  await mkdir(config.out).catch(() => {});
  if (await access(config.out, constants.W_OK).then(() => false, () => true)) {
    throw new RetryLater(`the output folder ${config.out} is not writable ${where}; mount the shared volume there (out: in this worker's config.yaml)`);
  }
}
