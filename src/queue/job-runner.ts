// The seam between the watcher and whatever runs render jobs. The embedded runner keeps its queue
// in the SQLite state database; a distributed one (BullMQ on Redis) can implement the same
// interface without the watcher or the render code changing.
import type { JobRecord, NewJob } from '../store/job-store.ts';

export interface JobOutcome {
  state: 'done' | 'failed';
  /** Absolute paths of what the job made. */
  outputs: string[];
  /** What went wrong and what to do (failed jobs). */
  error?: string;
}

/**
 * Runs one job. It resolves with the outcome, or rejects with a JobReleased when the job must go
 * back to the queue (interrupted, or its file changed under it).
 */
export type JobHandler = (job: JobRecord, signal: AbortSignal) => Promise<JobOutcome>;

/** Thrown by a handler to put its job back in the queue instead of ending it. */
export class JobReleased extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'JobReleased';
  }
}

export interface JobRunner {
  /** Records a job (queued, or already ended: failed/duplicate) and wakes a worker for it. */
  submit(job: NewJob): JobRecord;
  /** Starts running queued jobs with `handler`, at most `concurrency` at once. */
  start(handler: JobHandler): void;
  /** Stops taking jobs; running ones are aborted and put back, to run again on the next start. */
  stop(): Promise<void>;
  /** Resolves when no job is queued or running (for tests and `--once` runs). */
  idle(): Promise<void>;
}
