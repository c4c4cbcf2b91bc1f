// The runner events of a BullMQ queue, from its event stream (QueueEvents), so that any process on
// the queue hears of every job's start and end, whichever worker ran it. Events are handled one at
// a time in stream order; caughtUp() resolves once every event written so far was handled.
import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Job, RunnerEvent } from '../job-runner.ts';

export interface BullmqRunnerEventsOptions {
  queueName: string;
  prefix: string;
  connection: Redis;
  inboxes: readonly string[];
  onEvent: (event: RunnerEvent) => void;
  onError?: (message: string) => void;
  get: (id: string) => Promise<Job | undefined>;
}

/** Listens to the queue's events and reports those of jobs of `inboxes` as RunnerEvents. */
export function bullmqRunnerEvents(options: BullmqRunnerEventsOptions) {
  const streamKey = `${options.prefix}:${options.queueName}:events`;
  const connection = options.connection.duplicate();
  let events!: QueueEvents;
  let chain = Promise.resolve();
  let handled = '0-0';
  // Read on from the stream's last entry now (not from whenever the first read happens to run), so
  // that no event of a job submitted after ready is missed.
  const ready = lastHandledId(options.connection, streamKey).then((last) => {
    handled = last ?? '0-0';
    events = new QueueEvents(options.queueName, { connection, prefix: options.prefix, lastEventId: last ?? '0-0' });
    listen();
    return events.waitUntilReady();
  }).then(() => undefined);
  const listen = () => {
  events.on('error', (error) => options.onError?.(`queue events: ${error.message}`));
  const ours = async (id: string) => {
    const job = await options.get(id);
    return job && options.inboxes.includes(job.inbox) ? job : undefined;
  };
  const handle = (id: string, react: () => Promise<void>) => {
    chain = chain.then(react).catch((error: unknown) => options.onError?.(`queue event: ${(error as Error).message}`)).then(() => { handled = id; });
  };
  events.on('active', ({ jobId }, id) => handle(id, async () => {
    const job = await ours(jobId);
    if (job) options.onEvent({ type: 'started', job });
  }));
  events.on('completed', ({ jobId }, id) => handle(id, async () => {
    const job = await ours(jobId);
    if (job) options.onEvent({ type: 'finished', job, state: 'done', error: job.error });
  }));
  events.on('failed', ({ jobId, failedReason }, id) => handle(id, async () => {
    const job = await ours(jobId);
    if (!job || job.state !== 'failed') return; // a retry's failure: it runs again
    const crashed = /^promo failed unexpectedly/.test(failedReason);
    options.onEvent(crashed ? { type: 'crashed', job, error: new Error(failedReason) } : { type: 'finished', job, state: 'failed', error: failedReason });
  }));
  events.on('waiting', ({ jobId, prev }, id) => handle(id, async () => {
    const job = prev === 'active' ? await ours(jobId) : undefined;
    if (job) options.onEvent({ type: 'released', job, reason: 'handed back to the queue' });
  }));
  };
  return {
    ready,
    /** Resolves once every event in the stream up to now that is reported has been handled. */
    async caughtUp(): Promise<void> {
      await ready;
      const last = await lastHandledId(options.connection, streamKey);
      while (last !== undefined && compareIds(handled, last) < 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await chain;
      }
    },
    async close(): Promise<void> {
      await ready.catch(() => {});
      await events?.close();
      connection.disconnect();
    },
  };
}

const REPORTED = new Set(['active', 'completed', 'failed', 'waiting']);

/** The id of the newest stream entry of a kind reported here (others never move `handled`). */
async function lastHandledId(redis: Redis, key: string): Promise<string | undefined> {
  const entries = await redis.xrevrange(key, '+', '-', 'COUNT', 200);
  return entries.find(([, fields]) => REPORTED.has(fields[fields.indexOf('event') + 1] ?? ''))?.[0];
}

function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am! - bm! || as! - bs!;
}
