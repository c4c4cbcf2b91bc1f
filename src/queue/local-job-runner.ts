// The embedded job runner: the queue is the jobs table of the state database. Workers claim the
// oldest queued job in one transaction, so no job runs twice, and a job whose process died goes
// back to the queue at the next start (its attempt is counted; after MAX_ATTEMPTS it fails).
import { JobStore, type JobRecord } from './job-store.ts';
import { openStateDb } from '../store/open-state-db.ts';
import { processOwner } from '../util/process-owner.ts';
import { throttleProgress } from './throttle-progress.ts';
import {
  JobReleased,
  type Job, type JobHandler, type JobInput, type JobRunner, type ListJobsOptions, type RefusedFile, type RunnerEvent, type Submitted,
} from './job-runner.ts';

/** A job whose worker died this many times is failed instead of tried again. */
export const MAX_ATTEMPTS = 3;
/** How often idle workers look for queued jobs a `submit` elsewhere may have added. */
const POLL_MS = 1000;

export interface LocalJobRunnerOptions {
  store: JobStore;
  /** Inboxes whose jobs this runner's workers take (other jobs in the same database are left alone). */
  inboxes: readonly string[];
  concurrency: number;
  onEvent?: (event: RunnerEvent) => void;
  /** Called by `close()` (closes the database the runner opened). */
  onClose?: () => void;
}

export class LocalJobRunner implements JobRunner {
  private readonly owner = processOwner();
  private readonly controllers = new Map<number, AbortController>();
  private handler?: JobHandler;
  private stopping = false;
  private active = 0;
  private readonly sleepers = new Set<() => void>();
  private loops: Promise<void>[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: LocalJobRunnerOptions) {}

  /** A runner on the state database at `stateFile` (created and migrated as needed). */
  static open(stateFile: string, options: Omit<LocalJobRunnerOptions, 'store' | 'onClose'>): LocalJobRunner {
    const db = openStateDb(stateFile);
    return new LocalJobRunner({ ...options, store: new JobStore(db), onClose: () => db.close() });
  }

  async submit(input: JobInput): Promise<Submitted> {
    const { record, original } = this.options.store.insertUnlessDuplicate(
      { ...input, state: 'queued' },
      (earlier) => `same content as job #${earlier.id} (${earlier.fileName}) for ${input.sku}; not rendered again`,
    );
    if (original) return { duplicate: true, job: toJob(record), original: toJob(original) };
    setImmediate(() => this.wakeAll()); // after the caller has seen (and logged) the queued job
    return { duplicate: false, job: toJob(record) };
  }

  async refuse(file: RefusedFile): Promise<Job> {
    return toJob(this.options.store.insert({ ...file, spec: '', state: 'failed' }));
  }

  async recover(): Promise<Job[]> {
    return this.options.store.recoverAbandoned().map(toJob);
  }

  async get(id: string): Promise<Job | undefined> {
    const record = /^\d+$/.test(id) ? this.options.store.get(Number(id)) : undefined;
    return record && toJob(record);
  }

  async list(options: ListJobsOptions = {}): Promise<Job[]> {
    return this.options.store.list(options).map(toJob);
  }

  async end(id: string, state: 'done' | 'failed', error?: string): Promise<void> {
    this.options.store.finish(Number(id), state, { error });
  }

  start(handler: JobHandler): void {
    this.handler = handler;
    this.stopping = false;
    this.loops = Array.from({ length: Math.max(1, this.options.concurrency) }, () => this.work());
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const controller of this.controllers.values()) controller.abort();
    this.wakeAll();
    await Promise.all(this.loops);
  }

  async close(): Promise<void> {
    this.options.onClose?.();
  }

  private wakeAll(): void {
    for (const wake of this.sleepers) wake();
    this.sleepers.clear();
  }

  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.active === 0 && this.options.store.openJobs().filter((j) => this.options.inboxes.includes(j.inbox)).length === 0;
  }

  private async work(): Promise<void> {
    const { store } = this.options;
    while (!this.stopping) {
      const job = store.claimNext(this.owner, this.options.inboxes);
      if (!job) {
        if (this.active === 0 && this.isIdle()) this.idleWaiters.splice(0).forEach((resolve) => resolve());
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            this.sleepers.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, POLL_MS);
          this.sleepers.add(wake);
        });
        continue;
      }
      this.active += 1;
      try {
        await this.run(job);
      } finally {
        this.active -= 1;
      }
    }
  }

  private async run(record: JobRecord): Promise<void> {
    const { store, onEvent } = this.options;
    const job = toJob(record);
    if (record.attempts > MAX_ATTEMPTS) {
      const error = `promo stopped ${MAX_ATTEMPTS} times while rendering this file (crash or kill); check the footage and the machine's memory, then drop the file again`;
      store.finish(record.id, 'failed', { error });
      onEvent?.({ type: 'finished', job: this.current(record.id), state: 'failed', error });
      return;
    }
    const controller = new AbortController();
    this.controllers.set(record.id, controller);
    onEvent?.({ type: 'started', job });
    const progress = throttleProgress({
      write: (value) => {
        try {
          store.setProgress(record.id, this.owner, value);
        } catch {
          // Progress is for show: a database busy past its timeout skips one figure, not the job.
        }
      },
    });
    try {
      const outcome = await this.handler!(job, { signal: controller.signal, progress: progress.report });
      store.finish(record.id, outcome.state, { outputs: outcome.outputs, error: outcome.error });
      onEvent?.({ type: 'finished', job: this.current(record.id), state: outcome.state, error: outcome.error });
    } catch (error) {
      if (error instanceof JobReleased || controller.signal.aborted) {
        store.release(record.id, this.owner);
        onEvent?.({ type: 'released', job, reason: (error as Error).message });
      } else {
        // A bug or a fault of the machine, not a bad file: the job fails (never retried in a loop).
        const message = `promo failed unexpectedly: ${(error as Error)?.message ?? String(error)}. `
          + 'This is a fault in promo or on this machine (a full disk, a folder promo cannot write), not necessarily in the file: '
          + "see the log of promo watch, put the fault right, then drop the file again";
        store.finish(record.id, 'failed', { error: message });
        onEvent?.({ type: 'crashed', job: this.current(record.id), error });
      }
    } finally {
      progress.stop();
      this.controllers.delete(record.id);
    }
  }

  /** The job as it is now in the database (after it ended). */
  private current(id: number): Job {
    return toJob(this.options.store.get(id)!);
  }
}

/** The runner-neutral view of a row of the jobs table. */
function toJob(record: JobRecord): Job {
  return {
    id: String(record.id),
    inbox: record.inbox,
    spec: record.spec,
    fileName: record.fileName,
    contentSha256: record.contentSha256,
    size: record.size,
    mtimeMs: record.mtimeMs,
    sku: record.sku,
    state: record.state,
    footage: record.footage,
    attempts: record.attempts,
    worker: record.state === 'running' ? record.owner : undefined,
    outputs: record.outputs,
    error: record.error,
    duplicateOf: record.duplicateOf === undefined ? undefined : String(record.duplicateOf),
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    ...(record.progress ? { progress: record.progress } : {}),
  };
}
