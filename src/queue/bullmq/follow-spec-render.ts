// Follows one job of a distributed `promo render` that this process did not enqueue (a Clips-page
// re-render a dashboard enqueued before it was restarted): its reported progress, then how it
// ended. The job's states are read once a second, so nothing depends on an event seen in time.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { RedisTarget } from './redis-target.ts';
import type { WorkerOutcome } from './render-on-workers.ts';
import { SPEC_RENDER_QUEUE, type SpecRenderData, type SpecRenderProgress, type SpecRenderResult } from './spec-render-job.ts';

export interface FollowSpecRenderOptions {
  redis: RedisTarget;
  prefix: string;
  jobId: string;
  /** Stops following (the job is left to its workers); resolves undefined then. */
  signal: AbortSignal;
  onProgress?: (progress: SpecRenderProgress) => void;
  /** Told when the job starts waiting for a worker (queued, delayed for a retry) or one has taken it (active); once per change. */
  onState?: (state: 'waiting' | 'active') => void;
}

/** Resolves with how job `jobId` ended on the workers (undefined: no longer followed, or gone without an end). */
export async function followSpecRender(options: FollowSpecRenderOptions): Promise<WorkerOutcome | undefined> {
  const redis = new Redis(options.redis.url, { maxRetriesPerRequest: null });
  redis.on('error', () => {}); // waited out (ioredis reconnects)
  const queue = new Queue<SpecRenderData>(SPEC_RENDER_QUEUE, { connection: redis, prefix: options.prefix });
  try {
    let shown: number | undefined;
    let told: 'waiting' | 'active' | undefined;
    while (!options.signal.aborted) {
      const job = await queue.getJob(options.jobId);
      if (!job) return undefined;
      const state = await job.getState();
      const sku = job.data.sku ?? null;
      if (state === 'completed') return { name: sku ?? 'reel', sku, state: 'completed', value: job.returnvalue as SpecRenderResult };
      if (state === 'failed') return { name: sku ?? 'reel', sku, state: 'failed', failedReason: job.failedReason || 'failed on a worker; see `promo jobs`' };
      const now = state === 'active' ? 'active' : 'waiting';
      if (now !== told) {
        told = now;
        options.onState?.(now);
      }
      const progress = job.progress as SpecRenderProgress | null;
      if (typeof progress?.fraction === 'number' && progress.fraction !== shown) {
        shown = progress.fraction;
        options.onProgress?.(progress);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        options.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
      });
    }
    return undefined;
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
