// The seam between the watcher and whatever keeps and runs render jobs. The embedded runner keeps
// its queue in the SQLite state database; a distributed one (BullMQ on Redis) can implement the
// same interface without the watcher or the render code changing. Everything the watcher needs
// from a queue goes through it: queueing a taken file (de-duplicated by content and product),
// recording files refused at the door, and, at start, what a crash left half-done. Every method
// returns a promise, since a remote queue answers over the network.

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'duplicate';

/** A file taken from an inbox into its work folder, to be rendered for one product. */
export interface JobFile {
  /** Absolute inbox folder. */
  inbox: string;
  /** Absolute spec path. */
  spec: string;
  /** The name the file was dropped under. */
  fileName: string;
  contentSha256: string;
  size: number;
  mtimeMs: number;
  /** The product it matched. */
  sku: string;
  /** Where the file is now (the inbox's work folder). */
  workPath: string;
}

/** A file refused before it was queued (matches no product, not footage, …), already in failed/. */
export interface RejectedFile {
  inbox: string;
  fileName: string;
  size: number;
  mtimeMs: number;
  /** Where the file now is. */
  finalPath: string;
  /** What went wrong and what to do. */
  error: string;
}

/** A job as every runner reports it. */
export interface Job {
  /** Unique within the runner; shown to people as `job #<id>`. */
  id: string;
  inbox: string;
  /** Absolute spec path ('' for a rejected file). */
  spec: string;
  fileName: string;
  contentSha256?: string;
  size: number;
  mtimeMs: number;
  /** The product it matched (undefined for a file that matched none). */
  sku?: string;
  state: JobState;
  /** Where the file is while it is in the work folder. */
  workPath?: string;
  /** Where the file goes (done/ or failed/), recorded before it is moved there. */
  finalPath?: string;
  /** How many times a worker took it. */
  attempts: number;
  /** Absolute paths of what the job made. */
  outputs: string[];
  error?: string;
  /** The job this one repeats (state 'duplicate'). */
  duplicateOf?: string;
}

export type Submitted =
  | { duplicate: false; job: Job }
  /**
   * The same content was already queued, running or done for the same product: `job` is recorded
   * as a duplicate of `original`, ended and never run; its file is still at `job.workPath`.
   */
  | { duplicate: true; job: Job; original: Job };

export interface JobOutcome {
  state: 'done' | 'failed';
  /** Absolute paths of what the job made. */
  outputs: string[];
  /** What went wrong and what to do (failed jobs). */
  error?: string;
}

/** What a handler gets beside its job. */
export interface JobContext {
  /** Aborted when the runner stops: the handler ends soon, throwing JobReleased. */
  signal: AbortSignal;
  /** Records where the job's file is about to be moved, before the move, so a crash can finish it. */
  recordFinalPath(finalPath: string): Promise<void>;
}

/**
 * Runs one job. It resolves with the outcome, or rejects with a JobReleased when the job must go
 * back to the queue (interrupted). Any other rejection is a bug: the runner fails the job, keeps
 * its work path and hands it to the StrandedHandler.
 */
export type JobHandler = (job: Job, context: JobContext) => Promise<JobOutcome>;

/**
 * Called with a job that ended without its handler finishing it (the handler threw unexpectedly,
 * or the job's worker died too often): its file is still at `job.workPath`, to be moved out
 * (`recordFinalPath`, move, `recordFileMoved`). If that fails too, the next `recover()` reports
 * the job as stranded again.
 */
export type StrandedHandler = (job: Job) => Promise<void>;

/** Thrown by a handler to put its job back in the queue instead of ending it. */
export class JobReleased extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'JobReleased';
  }
}

/** What a start after a crash or kill must look at. */
export interface Recovery {
  /** Jobs whose worker died; they are queued again. */
  requeued: Job[];
  /** Jobs not ended (queued, or running in another live process): their file should be at `workPath`. */
  open: Job[];
  /** Ended jobs that still have a `workPath`: their file may be left in the work folder. */
  stranded: Job[];
}

export type RunnerEvent =
  | { type: 'started'; job: Job }
  | { type: 'finished'; job: Job; state: 'done' | 'failed'; error?: string }
  | { type: 'released'; job: Job; reason: string }
  | { type: 'crashed'; job: Job; error: unknown };

export interface JobRunner {
  /** Queues a taken file and wakes a worker for it, or records it as a duplicate (see Submitted). */
  submit(file: JobFile): Promise<Submitted>;
  /** Records a file refused before it was queued, as a failed job. */
  reject(file: RejectedFile): Promise<Job>;
  /**
   * Before `start`: puts jobs whose worker died back in the queue, and reports the jobs of this
   * runner's inboxes whose files recovery must check.
   */
  recover(): Promise<Recovery>;
  /** Ends an open job that recovery found already moved to done/ or failed/, or lost. */
  end(id: string, state: 'done' | 'failed', error?: string): Promise<void>;
  /** Records where an ended job's file is about to be moved (before the move). */
  recordFinalPath(id: string, finalPath: string): Promise<void>;
  /** Records that an ended job's file has left the work folder (after the move). */
  recordFileMoved(id: string): Promise<void>;
  /** Starts running queued jobs with `handler`, at most `concurrency` at once. */
  start(handler: JobHandler, onStranded: StrandedHandler): void;
  /** Stops taking jobs; running ones are aborted and put back, to run again on the next start. */
  stop(): Promise<void>;
  /** Resolves when no job is queued or running (for tests and `--once` runs). */
  idle(): Promise<void>;
  /** Releases what the runner holds (database, connections); after `stop`. */
  close(): Promise<void>;
}
