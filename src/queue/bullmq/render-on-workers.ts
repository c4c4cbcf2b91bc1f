// The CLI side of a distributed `promo render` (queue.backend: bullmq): enqueues one job per
// selected product and the reel as their parent (a BullMQ flow: the reel runs once every product
// has ended; a failed product is left out of it with a warning, as locally), shows the workers'
// progress, and resolves with every job's outcome once all have ended. Job names carry a per-run
// batch id.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { FlowProducer, Queue, QueueEvents, type FlowJob } from 'bullmq';
import { Redis } from 'ioredis';
import type { PromoSpec } from '../../promo-spec/spec-types.ts';
import { selectProducts } from '../../render/select-outputs.ts';
import { checkRedis } from './check-redis.ts';
import type { RedisTarget } from './redis-target.ts';
import { SPEC_RENDER_QUEUE, type SpecRenderData, type SpecRenderProgress, type SpecRenderResult } from './spec-render-job.ts';

const PROGRESS_MS = 2000;
const DAY = 86_400;

export interface RenderOnWorkersOptions {
  redis: RedisTarget;
  prefix: string;
  spec: PromoSpec;
  out: string;
  only?: string[];
  presets?: string[];
  force?: boolean;
  signal: AbortSignal;
  /**
   * What an abort does to the jobs not ended: `take-back` (the CLI's Ctrl-C) removes those not
   * started, `leave` (a closing dashboard, which shows them again when it starts) leaves them all
   * to the workers. Running ones finish on their workers either way.
   */
  onAbort?: 'take-back' | 'leave';
  log: (line: string) => void;
  /** Every progress a worker reports for a job of this run (the SKU or `reel`; the worker throttles). */
  onProgress?: (name: string, progress: SpecRenderProgress) => void;
  /** A worker has taken a job of this run (the SKU or `reel`): it is no longer waiting in the queue. */
  onActive?: (name: string) => void;
}

/** How one job of the run ended on the workers. */
export interface WorkerOutcome {
  /** The SKU, or `reel`. */
  name: string;
  sku: string | null;
  state: 'completed' | 'failed';
  value?: SpecRenderResult;
  failedReason?: string;
}

/** Runs the render on the workers; resolves with each job's outcome (undefined: interrupted first). */
export async function renderOnWorkers(options: RenderOnWorkersOptions): Promise<WorkerOutcome[] | undefined> {
  const { spec, log } = options;
  await checkRedis(options.redis); // fails fast, exit 3
  await mkdir(options.out, { recursive: true }); // the workers check that they can write it
  const redis = new Redis(options.redis.url, { maxRetriesPerRequest: null });
  redis.on('error', () => {}); // waited out (BullMQ reconnects)
  const eventsConnection = redis.duplicate(); // its own: QueueEvents blocks on it
  eventsConnection.on('error', () => {});
  const events = new QueueEvents(SPEC_RENDER_QUEUE, { connection: eventsConnection, prefix: options.prefix });
  const queue = new Queue<SpecRenderData>(SPEC_RENDER_QUEUE, { connection: redis, prefix: options.prefix });
  const flows = new FlowProducer({ connection: redis, prefix: options.prefix });
  try {
    await events.waitUntilReady();
    const batch = randomUUID().slice(0, 8);
    const common: SpecRenderData = { spec: spec.file, out: options.out, presets: options.presets, force: options.force };
    const opts = (jobId: string) => ({
      jobId, attempts: 3, backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: { age: DAY, count: 5000 }, removeOnFail: { age: 7 * DAY, count: 5000 },
    });
    const children: FlowJob[] = selectProducts(spec, options.only).map((product) => ({
      name: 'product', queueName: SPEC_RENDER_QUEUE, data: { ...common, sku: product.sku },
      opts: { ...opts(`p-${batch}-${createHash('sha256').update(product.sku).digest('hex').slice(0, 16)}`), ignoreDependencyOnFailure: true },
    }));
    const wantReel = spec.reel && (options.only === undefined || options.only.some((s) => s.toLowerCase() === 'reel'));
    const names = new Map(children.map((child) => [child.opts!.jobId!, child.data.sku as string]));
    if (wantReel) names.set(`reel-${batch}`, 'reel');
    const pending = new Set(names.keys());
    const shown = new Map<string, number>();
    let wake = () => {};
    const ended = (id: string, line: string) => {
      if (!pending.delete(id)) return;
      log(line);
      wake();
    };
    events.on('progress', ({ jobId, data }) => {
      const name = names.get(jobId);
      const progress = data as unknown as SpecRenderProgress;
      if (!name || typeof progress?.fraction !== 'number') return;
      options.onProgress?.(name, progress);
      if (Date.now() - (shown.get(jobId) ?? 0) < PROGRESS_MS) return;
      shown.set(jobId, Date.now());
      log(`${name}: ${Math.round(progress.fraction * 100)}% ${progress.stage} on ${progress.worker}`);
    });
    events.on('active', ({ jobId }) => {
      const name = names.get(jobId);
      if (name) options.onActive?.(name);
    });
    events.on('completed', ({ jobId }) => { if (names.has(jobId)) ended(jobId, `${names.get(jobId)}: done on a worker`); });
    events.on('failed', async ({ jobId, failedReason }) => {
      if (!names.has(jobId)) return;
      const state = await queue.getJobState(jobId).catch(() => 'unknown');
      if (state === 'failed') ended(jobId, `${names.get(jobId)}: failed on a worker: ${failedReason}`);
    });
    const reelData: SpecRenderData = { ...common, products: Object.fromEntries([...names].filter(([id]) => id !== `reel-${batch}`)) };
    if (wantReel) await flows.add({ name: 'reel', queueName: SPEC_RENDER_QUEUE, data: reelData, opts: opts(`reel-${batch}`), children });
    else await flows.addBulk(children);
    log(`queued ${children.length} product${children.length === 1 ? '' : 's'}${wantReel ? ' and the reel' : ''} for the workers (batch ${batch})`);
    while (pending.size > 0 && !options.signal.aborted) {
      // Events are the fast path; the states are checked too, so a missed event cannot hang the run.
      await new Promise<void>((resolve) => {
        wake = resolve;
        const timer = setTimeout(resolve, 1000);
        options.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
      });
      for (const id of [...pending]) {
        const state = await queue.getJobState(id);
        if (state === 'completed' || state === 'failed') ended(id, `${names.get(id)}: ${state === 'completed' ? 'done' : 'failed'} on a worker`);
      }
    }
    if (options.signal.aborted) {
      // Jobs not started yet are taken back; running ones finish on their workers.
      if (options.onAbort !== 'leave') for (const id of pending) await queue.remove(id, { removeChildren: true }).catch(() => {});
      return undefined;
    }
    const outcomes: WorkerOutcome[] = [];
    for (const [id, name] of names) {
      const job = await queue.getJob(id);
      const state = await queue.getJobState(id);
      outcomes.push({
        name, sku: name === 'reel' && id.startsWith('reel-') ? null : name, state: state === 'completed' ? 'completed' : 'failed',
        value: state === 'completed' ? job?.returnvalue as SpecRenderResult : undefined,
        failedReason: state === 'completed' ? undefined : job?.failedReason ?? `the job is ${state}`,
      });
    }
    return outcomes;
  } finally {
    await flows.close();
    await events.close();
    await queue.close();
    eventsConnection.disconnect();
    redis.disconnect();
  }
}
