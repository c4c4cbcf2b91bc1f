// Tells a reader (the dashboard) that the job queue changed, for a backend whose queue is not in
// the state database: with `queue.backend: bullmq` the jobs and their progress live in Redis, so
// no write to the state file says so. The queues' event streams do (a job taken, its progress, its
// end). The embedded runner writes the state database, which the reader already watches: nothing.
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { PromoConfig } from '../config/config-types.ts';
import { redisTarget } from './bullmq/redis-target.ts';
import { SPEC_RENDER_QUEUE } from './bullmq/spec-render-job.ts';

export interface QueueWatch {
  close(): Promise<void>;
}

// The inbox jobs' queue (bullmq-job-runner.ts) and the distributed `promo render`'s.
const QUEUES = ['render', SPEC_RENDER_QUEUE];
const CHANGES = ['added', 'active', 'progress', 'completed', 'failed', 'waiting', 'removed', 'stalled'] as const;

/** Calls `onChange` whenever a job of the configured queue changes; close() to stop. */
export function watchQueueChanges(config: PromoConfig, onChange: () => void, onError?: (message: string) => void): QueueWatch {
  if (config.queue.backend !== 'bullmq') return { close: async () => {} };
  const target = redisTarget(config.queue);
  // maxRetriesPerRequest null: a Redis restart is waited out; each QueueEvents blocks on its own connection.
  const connections = QUEUES.map(() => new Redis(target.url, { maxRetriesPerRequest: null }));
  const listeners = QUEUES.map((name, i) => {
    connections[i]!.on('error', (error) => onError?.(`Redis ${target.shown}: ${error.message}`));
    const events = new QueueEvents(name, { connection: connections[i]!, prefix: config.queue.prefix ?? 'promo' });
    events.on('error', (error) => onError?.(`queue events: ${error.message}`));
    for (const change of CHANGES) events.on(change, () => onChange());
    return events;
  });
  return {
    async close() {
      await Promise.all(listeners.map((events) => events.close().catch(() => {})));
      for (const connection of connections) connection.disconnect();
    },
  };
}
