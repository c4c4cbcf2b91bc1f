// The job runner on BullMQ and Redis (`queue.backend: bullmq`), for render workers on several
// machines. Jobs are named by their content key (inbox, product, content), so the same work
// enqueued twice runs once; a failed one may be submitted again under the next name (`…-2`).
// Workers hold a lock per job; a worker that dies loses it, and a live worker's stalled checker
// (or recover()) puts the job back. A lost lock aborts the handler (its ffmpeg). Bad input fails
// at once (UnrecoverableError); RetryLater faults retry with backoff. Events reach every runner on
// the queue through QueueEvents, so a watcher hears of jobs that workers elsewhere finished.
import { createHash, randomUUID } from 'node:crypto';
import { Queue, UnrecoverableError, WaitingError, Worker, type Job as BullJob } from 'bullmq';
import { Redis } from 'ioredis';
import { processOwner } from '../util/process-owner.ts';
import { bullmqJobView, type BullmqJobData, type BullmqJobResult } from './bullmq/bullmq-job-view.ts';
import { JobRecords } from './bullmq/job-records.ts';
import { bullmqRunnerEvents } from './bullmq/bullmq-runner-events.ts';
import type { RedisTarget } from './bullmq/redis-target.ts';
import { checkRedis } from './bullmq/check-redis.ts';
import { JobReleased, type Job, type JobHandler, type JobInput, type JobRunner, type ListJobsOptions, type RefusedFile, type RunnerEvent, type Submitted } from './job-runner.ts';
import { RetryLater } from './retry-later.ts';
import { throttleProgress } from './throttle-progress.ts';
import { SPEC_RENDER_QUEUE, type SpecRenderData } from './bullmq/spec-render-job.ts';
import { specRenderView } from './bullmq/spec-render-view.ts';
import type { WorkerSlots } from './bullmq/worker-slots.ts';

const QUEUE = 'render';
const STATES = ['active', 'waiting', 'prioritized', 'delayed', 'completed', 'failed'] as const;
const DAY = 86_400;

export interface BullmqJobRunnerOptions {
  redis: RedisTarget;
  /** Prefix of every Redis key (queue.prefix). */
  prefix: string;
  inboxes: readonly string[];
  concurrency: number;
  /** Seconds a worker's lock on a job lasts without renewal; a dead worker's job is taken over after about this long. */
  lockSeconds: number;
  onEvent?: (event: RunnerEvent) => void;
  /** Connection and worker errors (they are retried; reported so an operator sees them). */
  onError?: (message: string) => void;
  /** Jobs at once shared with the process's other BullMQ workers (`promo worker`): each job takes one before it runs. */
  slots?: WorkerSlots;
}

type Bull = BullJob<BullmqJobData, BullmqJobResult>;

interface Parts {
  redis: Redis;
  queue: Queue<BullmqJobData, BullmqJobResult>;
  /** The jobs of distributed `promo render`s, listed beside the inbox jobs. */
  renders: Queue<SpecRenderData>;
  records: JobRecords;
  events?: ReturnType<typeof bullmqRunnerEvents>;
}

export class BullmqJobRunner implements JobRunner {
  /** Connected once Redis passed checkRedis (fails fast, exit 3, when it cannot be reached). */
  private readonly parts: Promise<Parts>;
  private worker?: Promise<Worker<BullmqJobData, BullmqJobResult> | undefined>;
  private readonly controllers = new Set<AbortController>();
  private stopping = false;

  constructor(private readonly options: BullmqJobRunnerOptions) {
    this.parts = checkRedis(options.redis).then(() => this.connect());
    this.parts.catch(() => {}); // reported by the first call that awaits it
  }

  private async connect(): Promise<Parts> {
    const { options } = this;
    // maxRetriesPerRequest null: commands wait out a Redis restart instead of failing (BullMQ needs it for workers).
    const redis = new Redis(options.redis.url, { maxRetriesPerRequest: null });
    redis.on('error', (error) => options.onError?.(`Redis ${options.redis.shown}: ${error.message}`));
    const queue = new Queue<BullmqJobData, BullmqJobResult>(QUEUE, { connection: redis, prefix: options.prefix });
    queue.on('error', (error) => options.onError?.(`queue: ${error.message}`));
    const records = new JobRecords(redis, `${options.prefix}:${QUEUE}:promo-records`);
    const events = options.onEvent
      ? bullmqRunnerEvents({ ...options, onEvent: options.onEvent, queueName: QUEUE, connection: redis, get: (id) => this.get(id) })
      : undefined;
    await events?.ready; // a job submitted from now on is never missed
    const renders = new Queue<SpecRenderData>(SPEC_RENDER_QUEUE, { connection: redis, prefix: options.prefix });
    renders.on('error', () => {}); // the same connection's errors are reported above
    return { redis, queue, renders, records, events };
  }

  async submit(input: JobInput): Promise<Submitted> {
    const { records, queue } = await this.parts;
    const key = `r${createHash('sha256').update(`${input.inbox}\0${input.sku}\0${input.contentSha256}`).digest('hex').slice(0, 32)}`;
    const current = await records.current(key);
    const earlier = current === null ? undefined : await this.get(current);
    if (earlier && earlier.state !== 'failed') return this.duplicate(input, earlier);
    // A failed (or ended) job keeps its name in the queue's history; the new try gets the next one.
    const id = current === null ? key : earlier ? nextName(current) : current;
    const nonce = randomUUID();
    const data: BullmqJobData = { ...input, seq: await records.nextSeq(), createdAt: new Date().toISOString(), nonce };
    await queue.add('render', data, {
      jobId: id,
      attempts: 3,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: { age: 30 * DAY, count: 5000 },
      removeOnFail: { age: 30 * DAY, count: 5000 },
    });
    await records.setCurrent(key, id);
    const added = await queue.getJob(id);
    // Another process added the same name first: ours was ignored, so it is a duplicate of theirs.
    if (added && added.data.nonce !== nonce) return this.duplicate(input, (await this.get(id))!);
    return { duplicate: false, job: (await this.get(id))! };
  }

  private async duplicate(input: JobInput, original: Job): Promise<Submitted> {
    const { records } = await this.parts;
    const seq = await records.nextSeq();
    const job: Job = {
      ...input, id: `d${seq}`, state: 'duplicate', attempts: 0, outputs: [], duplicateOf: original.id,
      error: `same content as job #${original.id} (${original.fileName}) for ${input.sku}; not rendered again`,
      createdAt: new Date().toISOString(), finishedAt: new Date().toISOString(),
    };
    await records.put(job, seq);
    return { duplicate: true, job, original };
  }

  async refuse(file: RefusedFile): Promise<Job> {
    const { records } = await this.parts;
    const seq = await records.nextSeq();
    const now = new Date().toISOString();
    const job: Job = { ...file, id: `f${seq}`, spec: '', sku: undefined, footage: undefined, state: 'failed', attempts: 0, outputs: [], createdAt: now, finishedAt: now };
    await records.put(job, seq);
    return job;
  }

  async recover(): Promise<Job[]> {
    const { queue, redis } = await this.parts;
    const recovered: Job[] = [];
    for (const job of await queue.getJobs(['active'], 0, -1)) {
      // A live worker renews its lock; no lock means its worker is gone.
      if (await redis.exists(`${this.options.prefix}:${QUEUE}:${job.id}:lock`)) continue;
      await job.moveToWait(); // no token: taken from whoever held it
      recovered.push((await this.get(job.id!))!);
    }
    return recovered;
  }

  async get(id: string): Promise<Job | undefined> {
    const { records, queue } = await this.parts;
    const record = await records.get(id);
    if (record) return strip(record);
    const job = (await queue.getJob(id)) as Bull | undefined;
    return job ? bullmqJobView(job, await job.getState()) : undefined;
  }

  async list(options: ListJobsOptions = {}): Promise<Job[]> {
    const { records, queue, renders } = await this.parts;
    const all = new Map<string, Job & { seq: number }>();
    for (const state of STATES) {
      for (const job of (await queue.getJobs([state], 0, -1)) as Bull[]) {
        if (job?.data) all.set(job.id!, { ...bullmqJobView(job, state), seq: job.data.seq });
      }
      for (const job of await renders.getJobs([state], 0, -1)) if (job?.data) all.set(job.id!, { ...specRenderView(job, state), seq: 0 });
    }
    for (const job of await renders.getJobs(['waiting-children'], 0, -1)) if (job?.data) all.set(job.id!, { ...specRenderView(job, 'waiting-children'), seq: 0 });
    for (const record of await records.all()) all.set(record.id, record); // ended from outside: the record is what counts
    return [...all.values()]
      .filter((job) => !options.states || options.states.includes(job.state))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.seq - a.seq)
      .slice(0, options.limit ?? 200)
      .map(strip);
  }

  async end(id: string, state: 'done' | 'failed', error?: string): Promise<void> {
    const { records, queue } = await this.parts;
    const job = await this.get(id);
    if (!job) return;
    const bull = await queue.getJob(id);
    if (bull && job.state === 'queued') await bull.remove().catch(() => {}); // never to run now
    const seq = bull?.data.seq ?? (await records.get(id))?.seq ?? (await records.nextSeq());
    await records.put({ ...job, state, error, worker: undefined, finishedAt: new Date().toISOString() }, seq);
  }

  start(handler: JobHandler): void {
    this.stopping = false;
    this.worker = this.parts.then(({ redis }) => this.stopping ? undefined : this.startWorker(redis, handler));
    this.worker.catch(() => {}); // the error is the one of this.parts, reported by the caller's calls
  }

  private startWorker(redis: Redis, handler: JobHandler): Worker<BullmqJobData, BullmqJobResult> {
    const { lockSeconds } = this.options;
    const worker = new Worker<BullmqJobData, BullmqJobResult>(QUEUE, (job, token, signal) => this.run(handler, job, token, signal), {
      connection: redis, // duplicated by BullMQ for its blocking reads, with maxRetriesPerRequest null
      prefix: this.options.prefix,
      concurrency: Math.max(1, this.options.concurrency),
      name: processOwner(),
      lockDuration: lockSeconds * 1000,
      stalledInterval: Math.max(1000, (lockSeconds * 1000) / 2),
      maxStalledCount: 1, // taken over once; a job whose worker dies a second time fails ("job stalled more than allowable limit")
    });
    worker.on('error', (error) => this.options.onError?.(`worker: ${error.message}`));
    // BullMQ does not stop a job whose lock it could not renew: abort it, so two workers never encode it at once.
    worker.on('lockRenewalFailed', (ids) => ids.forEach((id) => worker.cancelJob(id, 'its lock was lost (Redis unreachable or this worker stalled); another worker takes it over')));
    this.options.slots?.attach(worker);
    return worker;
  }

  private async run(handler: JobHandler, job: Bull, token: string | undefined, lock: AbortSignal | undefined): Promise<BullmqJobResult> {
    const controller = new AbortController();
    const onLost = () => controller.abort();
    lock?.addEventListener('abort', onLost, { once: true });
    this.controllers.add(controller);
    let slot = false;
    try {
      // A job fetched while the process's other worker filled the last slot waits for one (lock kept).
      await this.options.slots?.acquire(controller.signal);
      slot = this.options.slots !== undefined;
      // BullMQ keeps it in the job's hash and tells every QueueEvents listener (the dashboard).
      const progress = throttleProgress({ write: (value) => void job.updateProgress({ ...value }).catch(() => {}) });
      const outcome = await handler(bullmqJobView(job, 'active'), { signal: controller.signal, progress: progress.report })
        .finally(() => progress.stop());
      if (outcome.state === 'done') return { outputs: outcome.outputs, ...(outcome.error ? { error: outcome.error } : {}) };
      await job.updateData({ ...job.data, end: { kind: 'failed', outputs: outcome.outputs } });
      throw new UnrecoverableError(outcome.error ?? 'failed');
    } catch (error) {
      if (error instanceof UnrecoverableError || error instanceof WaitingError) throw error;
      // Lost lock: the job is no longer ours to end; the stalled checker hands it to another worker.
      if (lock?.aborted && !this.stopping) throw new Error(String(lock.reason ?? 'lock lost'));
      if (error instanceof JobReleased || controller.signal.aborted) {
        await job.updateData({ ...job.data, releases: (job.data.releases ?? 0) + 1 });
        await job.moveToWait(token);
        throw new WaitingError();
      }
      if (error instanceof RetryLater) throw error; // retried with backoff, up to `attempts`
      await job.updateData({ ...job.data, end: { kind: 'crashed', outputs: [] } });
      throw new UnrecoverableError(`promo failed unexpectedly: ${(error as Error)?.message ?? String(error)}. `
        + 'This is a fault in promo or on the worker machine (a full disk, a folder promo cannot write), not necessarily in the file: '
        + 'see the log of promo worker, put the fault right, then drop the file again');
    } finally {
      if (slot) this.options.slots!.release();
      lock?.removeEventListener('abort', onLost);
      this.controllers.delete(controller);
    }
  }

  /** Where the queue is, for logs (no password). */
  describe(): string {
    return `${this.options.redis.shown} (prefix ${this.options.prefix})`;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const controller of this.controllers) controller.abort();
    await this.closeWorker();
    this.worker = undefined;
  }

  /** Stops taking jobs and waits up to `graceMs` for running ones to finish; then aborts them (they go back to the queue). */
  async drain(graceMs: number): Promise<void> {
    const closing = this.closeWorker();
    const timer = setTimeout(() => { this.stopping = true; for (const c of this.controllers) c.abort(); }, graceMs);
    try {
      await closing;
    } finally {
      clearTimeout(timer);
      this.worker = undefined;
    }
  }

  async idle(): Promise<void> {
    const { queue, events } = await this.parts;
    for (;;) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await events?.caughtUp(); // every end was reported before idle() says so
  }

  private async closeWorker(): Promise<void> {
    const worker = await this.worker?.catch(() => undefined);
    if (!worker) return;
    await this.options.slots?.detach(worker);
    await worker.close();
  }

  async close(): Promise<void> {
    await this.closeWorker();
    const parts = await this.parts.catch(() => undefined);
    await parts?.events?.close();
    await parts?.renders.close();
    await parts?.queue.close();
    parts?.redis.disconnect();
  }
}

/** The name after `id` for the same content: r…, r…-2, r…-3. */
function nextName(id: string): string {
  const match = /^(.*)-(\d+)$/.exec(id);
  return match ? `${match[1]}-${Number(match[2]) + 1}` : `${id}-2`;
}

function strip<T extends Job>(job: T & { seq?: number }): Job {
  const { seq: _seq, ...rest } = job;
  return rest;
}
