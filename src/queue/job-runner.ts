// The seam between the watcher and whatever keeps and runs render jobs. The embedded runner keeps
// its queue in the SQLite state database; the BullMQ one (bullmq-job-runner.ts, Redis) implements
// the same interface, chosen by `queue.backend` through createJobRunner. A runner knows jobs, not
// inboxes: it queues a job (de-duplicated by content and product), hands it to a worker, records
// how it ended, puts back the jobs of workers that died, and lists them. Where the dropped file
// goes afterwards (done/, failed/, back to the inbox) is the watcher's bookkeeping (InboxFileStore),
// so a runner on another machine never touches an inbox. Every method returns a promise, since a
// remote queue answers over the network. Every runner passes test/queue/job-runner-contract.ts.

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'duplicate';

/** The work of one job: render product `sku` of `spec` with `footage` as its footage. */
export interface JobInput {
  /** Absolute inbox folder the file was dropped into (a label: runners never look inside it). */
  inbox: string;
  /** Absolute spec path. */
  spec: string;
  /** The name the file was dropped under. */
  fileName: string;
  /** With `sku`, the content key: the same content for the same product is rendered once. */
  contentSha256: string;
  size: number;
  mtimeMs: number;
  /** The product it matched. */
  sku: string;
  /** Absolute path of the file to render (visible to every worker). */
  footage: string;
}

/** A file refused before it became a job (matches no product, not footage, …), recorded for `promo jobs`. */
export interface RefusedFile {
  inbox: string;
  fileName: string;
  size: number;
  mtimeMs: number;
  /** What went wrong and what to do. */
  error: string;
}

/** A job as every runner reports it. */
export interface Job {
  /** Unique within the runner; shown to people as `job #<id>`. */
  id: string;
  inbox: string;
  /** Absolute spec path ('' for a refused file). */
  spec: string;
  fileName: string;
  contentSha256?: string;
  size: number;
  mtimeMs: number;
  /** The product it matched (undefined for a file that matched none). */
  sku?: string;
  /** The file it renders (undefined for a refused file). */
  footage?: string;
  state: JobState;
  /** How many times a worker took it. */
  attempts: number;
  /** The worker running it (state 'running'), as the runner names workers. */
  worker?: string;
  /** How far its render is (state 'running' only, once the worker has reported). */
  progress?: JobProgress;
  /** Absolute paths of what the job made. */
  outputs: string[];
  error?: string;
  /** The job this one repeats (state 'duplicate'). */
  duplicateOf?: string;
  /** ISO times. */
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
}

/** A running job's render progress, as its worker last recorded it (throttled: see throttleProgress). */
export interface JobProgress {
  /** 0..1 over the job's outputs. */
  fraction: number;
  /** What it is doing, for people: "TEA-001 douyin, xhs: encoding". */
  what: string;
}

export type Submitted =
  | { duplicate: false; job: Job }
  /** The same content was already queued, running or done for the same product: `job` is recorded as its duplicate, ended and never run. */
  | { duplicate: true; job: Job; original: Job };

export interface JobOutcome {
  state: 'done' | 'failed';
  /** Absolute paths of what the job made. */
  outputs: string[];
  /** What went wrong and what to do (failed jobs), or a warning (done jobs). */
  error?: string;
}

/** What a handler gets beside its job. */
export interface JobContext {
  /** Aborted when the runner stops: the handler ends soon, throwing JobReleased. */
  signal: AbortSignal;
  /** Records how far the job is (as often as the handler likes: the runner throttles the writes). */
  progress(fraction: number, what: string): void;
}

/**
 * Runs one job. It resolves with the outcome, or rejects with a JobReleased when the job must go
 * back to the queue (interrupted). Any other rejection is a bug or a fault of the machine: the
 * runner fails the job at once (no retry loop) and reports it as 'crashed'.
 */
export type JobHandler = (job: Job, context: JobContext) => Promise<JobOutcome>;

/** Thrown by a handler to put its job back in the queue instead of ending it. */
export class JobReleased extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'JobReleased';
  }
}

/** What a runner reports as it goes; every end of a job is one 'finished' or one 'crashed'. */
export type RunnerEvent =
  | { type: 'started'; job: Job }
  | { type: 'finished'; job: Job; state: 'done' | 'failed'; error?: string }
  | { type: 'released'; job: Job; reason: string }
  | { type: 'crashed'; job: Job; error: unknown };

export interface ListJobsOptions {
  /** Only jobs in these states. */
  states?: readonly JobState[];
  /** At most this many (newest first); default 200. */
  limit?: number;
}

export interface JobRunner {
  /** Queues a job and wakes a worker for it, or records it as a duplicate (see Submitted). */
  submit(input: JobInput): Promise<Submitted>;
  /** Records a file refused before it became a job, as a failed job. */
  refuse(file: RefusedFile): Promise<Job>;
  /** Before `start`: puts the running jobs whose worker died back in the queue; returns them. */
  recover(): Promise<Job[]>;
  /** One job, or undefined when the runner does not know it. */
  get(id: string): Promise<Job | undefined>;
  /** Jobs, newest first. */
  list(options?: ListJobsOptions): Promise<Job[]>;
  /** Ends an open job from outside a worker (its file is gone). */
  end(id: string, state: 'done' | 'failed', error?: string): Promise<void>;
  /** Starts running queued jobs with `handler`, at most `concurrency` at once. */
  start(handler: JobHandler): void;
  /** Stops taking jobs; running ones are aborted and put back, to run again on the next start. */
  stop(): Promise<void>;
  /** Resolves when no job is queued or running (for tests and `--once` runs). */
  idle(): Promise<void>;
  /** Releases what the runner holds (database, connections); after `stop`. */
  close(): Promise<void>;
}
