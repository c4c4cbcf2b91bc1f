// How a job of a distributed `promo render` (queue spec-render) reads in `promo jobs`: named by
// its product (or `reel`), with no inbox, its worker while it runs and its reason when it failed.
import type { Job as BullJob } from 'bullmq';
import type { Job } from '../job-runner.ts';
import type { SpecRenderData, SpecRenderProgress } from './spec-render-job.ts';

/** The promo Job a spec-render job is, in BullMQ state `state` (waiting-children and the like: queued). */
export function specRenderView(job: BullJob<SpecRenderData>, state: string): Job {
  const iso = (ms?: number | null) => (ms ? new Date(ms).toISOString() : undefined);
  const promo = state === 'active' ? 'running' : state === 'completed' ? 'done' : state === 'failed' ? 'failed' : 'queued';
  return {
    id: job.id!,
    inbox: '',
    spec: job.data.spec,
    fileName: `${job.data.sku ?? 'reel'} (promo render)`,
    size: 0,
    mtimeMs: 0,
    sku: job.data.sku ?? 'reel',
    state: promo,
    attempts: Math.max(0, job.attemptsStarted ?? 0),
    worker: promo === 'running' ? job.processedBy ?? undefined : undefined,
    outputs: [],
    error: promo === 'failed' ? job.failedReason || undefined : undefined,
    createdAt: new Date(job.timestamp).toISOString(),
    startedAt: promo === 'queued' ? undefined : iso(job.processedOn),
    finishedAt: promo === 'done' || promo === 'failed' ? iso(job.finishedOn) : undefined,
    ...(promo === 'running' && typeof (job.progress as SpecRenderProgress | null)?.fraction === 'number'
      ? { progress: { fraction: (job.progress as SpecRenderProgress).fraction, what: `${job.data.sku ?? 'reel'}: ${(job.progress as SpecRenderProgress).stage}` } }
      : {}),
  };
}
