// How a BullMQ job reads as a promo Job. What BullMQ does not keep itself rides in the job's data:
// the submission's order (`seq`, for newest-first listing), how often a worker handed it back
// (`releases`: a hand-back is not an attempt), and how a failed job ended (`end`: a bad file, or
// a crash of promo, which the watcher reports differently).
import type { Job as BullJob, JobState as BullState } from 'bullmq';
import type { Job, JobInput, JobProgress, JobState } from '../job-runner.ts';

export interface BullmqJobData extends JobInput {
  seq: number;
  createdAt: string;
  /** Random per submission: tells our add from an earlier one with the same job id. */
  nonce: string;
  releases?: number;
  end?: { kind: 'failed' | 'crashed'; outputs: string[] };
}

/** What a completed job returns. */
export interface BullmqJobResult {
  outputs: string[];
  error?: string;
}

/** The promo state of a BullMQ state. */
function promoState(state: BullState | 'unknown' | string): JobState {
  switch (state) {
    case 'active': return 'running';
    case 'completed': return 'done';
    case 'failed': return 'failed';
    default: return 'queued'; // waiting, delayed (a retry's backoff), prioritized, paused
  }
}

/** The promo Job `job` is, in BullMQ state `state`. */
export function bullmqJobView(job: BullJob<BullmqJobData, BullmqJobResult>, state: BullState | string): Job {
  const data = job.data;
  const promo = promoState(state);
  const result = promo === 'done' ? job.returnvalue : undefined;
  const iso = (ms?: number | null) => (ms ? new Date(ms).toISOString() : undefined);
  return {
    id: job.id!,
    inbox: data.inbox,
    spec: data.spec,
    fileName: data.fileName,
    contentSha256: data.contentSha256,
    size: data.size,
    mtimeMs: data.mtimeMs,
    sku: data.sku,
    footage: data.footage,
    state: promo,
    attempts: Math.max(0, (job.attemptsStarted ?? 0) - (data.releases ?? 0)),
    worker: promo === 'running' ? job.processedBy ?? undefined : undefined,
    outputs: result?.outputs ?? (promo === 'failed' ? data.end?.outputs ?? [] : []),
    error: promo === 'failed' ? job.failedReason || undefined : result?.error,
    createdAt: data.createdAt,
    startedAt: promo === 'queued' ? undefined : iso(job.processedOn),
    finishedAt: promo === 'done' || promo === 'failed' ? iso(job.finishedOn) : undefined,
    ...(promo === 'running' && isProgress(job.progress) ? { progress: { fraction: job.progress.fraction, what: job.progress.what } } : {}),
  };
}

/** Whether a job's `progress` (any JSON a worker set) is a promo JobProgress. */
function isProgress(value: unknown): value is JobProgress {
  const v = value as JobProgress | null;
  return typeof v === 'object' && v !== null && typeof v.fraction === 'number' && typeof v.what === 'string';
}
