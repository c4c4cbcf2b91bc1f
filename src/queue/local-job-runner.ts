// The embedded job runner: the queue is the jobs table of the state database. Workers claim the
// oldest queued job in one transaction, so no job runs twice, and a job whose process died goes
// back to the queue at the next start (its attempt is counted; after MAX_ATTEMPTS it fails).
import type { JobRecord, NewJob } from '../store/job-store.ts';
import { JobStore } from '../store/job-store.ts';
import { processOwner } from '../util/process-owner.ts';
import { JobReleased, type JobHandler, type JobRunner } from './job-runner.ts';

/** A job whose worker died this many times is failed instead of tried again. */
export const MAX_ATTEMPTS = 3;
/** How often idle workers look for queued jobs a `submit` elsewhere may have added. */
const POLL_MS = 1000;

export interface LocalJobRunnerOptions {
  store: JobStore;
  /** Inboxes whose jobs this runner takes. */
  inboxes: readonly string[];
  concurrency: number;
  onEvent?: (event: RunnerEvent) => void;
}

export type RunnerEvent =
  | { type: 'started'; job: JobRecord }
  | { type: 'finished'; job: JobRecord; state: 'done' | 'failed'; error?: string }
  | { type: 'released'; job: JobRecord; reason: string }
  | { type: 'crashed'; job: JobRecord; error: unknown };

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

  submit(job: NewJob): JobRecord {
    const record = this.options.store.insert(job);
    this.wakeAll();
    return record;
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

  private async run(job: JobRecord): Promise<void> {
    const { store, onEvent } = this.options;
    if (job.attempts > MAX_ATTEMPTS) {
      const error = `promo stopped ${MAX_ATTEMPTS} times while rendering this file (crash or kill); check the footage and the machine's memory, then drop the file again`;
      store.finish(job.id, 'failed', { error });
      onEvent?.({ type: 'finished', job, state: 'failed', error });
      return;
    }
    const controller = new AbortController();
    this.controllers.set(job.id, controller);
    onEvent?.({ type: 'started', job });
    try {
      const outcome = await this.handler!(job, controller.signal);
      store.finish(job.id, outcome.state, { outputs: outcome.outputs, error: outcome.error });
      onEvent?.({ type: 'finished', job, state: outcome.state, error: outcome.error });
    } catch (error) {
      if (error instanceof JobReleased || controller.signal.aborted) {
        store.release(job.id, this.owner);
        onEvent?.({ type: 'released', job, reason: (error as Error).message });
      } else {
        // A bug in promo, not a bad file: the job fails and its file stays in the work folder
        // (never deleted, never retried in a loop) for a person to look at.
        const message = `promo failed unexpectedly: ${(error as Error)?.message ?? String(error)}; the file is kept at ${job.workPath}`;
        store.finish(job.id, 'failed', { error: message, keepWorkPath: true });
        onEvent?.({ type: 'crashed', job, error });
      }
    } finally {
      this.controllers.delete(job.id);
    }
  }
}
