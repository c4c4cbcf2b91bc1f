// `promo worker --concurrency N` is N jobs at once for the whole process, whichever queue they
// come from: two BullMQ workers (two queues, as the inbox and the render queue are) sharing one
// WorkerSlots on a real Redis never run more than N jobs together, pause while every slot is
// taken (fetching nothing another machine could run), resume as slots free, and run every job once;
// paused, they still find a dead worker's job stalled and put it back.
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { BullmqJobRunner } from '../../src/queue/bullmq-job-runner.ts';
import { WorkerSlots } from '../../src/queue/bullmq/worker-slots.ts';
import type { JobHandler, JobInput } from '../../src/queue/job-runner.ts';
import { TEST_REDIS_URL, testQueuePrefix } from '../helpers/test-redis.ts';
import { waitFor } from '../helpers/wait-for.ts';

const input = (sku: string): JobInput => ({
  inbox: '/inbox', spec: '/specs/spec.yaml', fileName: `${sku}.mp4`, contentSha256: sku.padEnd(64, '0'), size: 1, mtimeMs: 1, sku, footage: `/inbox/.work/${sku}.mp4`,
});

/** Jobs that run until the test lets each one end, counting how many run at once. */
function gatedHandler() {
  const gates = new Map<string, () => void>();
  const started: string[] = [];
  let running = 0;
  let most = 0;
  const handler: JobHandler = async (job) => {
    started.push(job.sku!);
    running += 1;
    most = Math.max(most, running);
    await new Promise<void>((resolve) => gates.set(job.sku!, resolve));
    running -= 1;
    return { state: 'done', outputs: [] };
  };
  return { handler, started, gates, running: () => running, most: () => most };
}

describe.skipIf(!TEST_REDIS_URL)('WorkerSlots: jobs at once across a process\'s BullMQ workers', () => {
  it('while every slot is taken (workers paused), a dead worker\'s job is still found stalled and put back', async () => {
    const slots = new WorkerSlots(1);
    const prefix = testQueuePrefix();
    const runner = new BullmqJobRunner({ redis: { url: TEST_REDIS_URL!, shown: 'test' }, prefix, inboxes: ['/inbox'], concurrency: 1, lockSeconds: 2, slots });
    const jobs = gatedHandler();
    const connection = new Redis(TEST_REDIS_URL!, { maxRetriesPerRequest: null });
    try {
      await runner.submit(input('RUN'));
      runner.start(jobs.handler);
      await waitFor(() => jobs.started.length === 1 && slots.pausedWorkers === 1, 'the first job to run and the worker to pause');
      // A worker elsewhere takes the next job and dies: its lock (1 s) is never renewed.
      const { job: orphan } = await runner.submit(input('ORPHAN'));
      const dead = new Worker('render', undefined, { connection, prefix, autorun: false, lockDuration: 1000 });
      const taken = await dead.getNextJob('dead-worker-token');
      expect(taken?.id).toBe(orphan.id);
      const queue = new Queue('render', { connection, prefix });
      try {
        await waitFor(async () => (await queue.getJobState(orphan.id)) === 'waiting', 'the orphaned job to be put back by the paused worker\'s stalled checker', 30_000);
      } finally {
        await queue.close();
        await dead.close(true);
      }
      jobs.gates.get('RUN')!();
      await waitFor(() => jobs.started.includes('ORPHAN'), 'the orphaned job to run here once the slot frees');
      jobs.gates.get('ORPHAN')?.();
    } finally {
      for (const gate of jobs.gates.values()) gate();
      await runner.close();
      connection.disconnect();
    }
  });

  for (const size of [1, 2]) {
    it(`with ${size} slot${size === 1 ? '' : 's'}, two workers with jobs waiting run ${size} at once in all`, async () => {
      const slots = new WorkerSlots(size);
      // Each runner's own concurrency is the whole count, as in promo worker: only the slots bound the sum.
      const runners = [testQueuePrefix(), testQueuePrefix()].map((prefix) => new BullmqJobRunner({
        redis: { url: TEST_REDIS_URL!, shown: 'test' }, prefix, inboxes: ['/inbox'], concurrency: size, lockSeconds: 10, slots,
      }));
      const jobs = gatedHandler();
      try {
        const skus = [['A1', 'A2', 'A3'], ['B1', 'B2', 'B3']];
        await Promise.all(runners.map((runner, i) => Promise.all(skus[i]!.map((sku) => runner.submit(input(sku))))));
        for (const runner of runners) runner.start(jobs.handler);
        await waitFor(() => jobs.started.length === size, () => `${size} jobs to start (started: ${jobs.started})`);
        // Full: both workers are paused (without slots shared, the second worker would be running its jobs).
        await waitFor(() => slots.pausedWorkers === 2, () => `both workers to pause (paused: ${slots.pausedWorkers}, started: ${jobs.started})`);
        expect(jobs.running()).toBe(size);
        // Let one job end at a time: another takes its slot, never more than `size` at once.
        for (let done = 1; done <= 6; done++) {
          const sku = jobs.started[done - 1]!;
          await waitFor(() => jobs.gates.has(sku), `job ${sku} to wait at its gate`);
          jobs.gates.get(sku)!();
          await waitFor(() => jobs.started.length === Math.min(6, done + size), () => `job ${done + size} to start (started: ${jobs.started})`);
          expect(jobs.running()).toBeLessThanOrEqual(size);
        }
        await waitFor(async () => (await Promise.all(runners.map((r) => r.list({ states: ['done'] })))).flat().length === 6, 'all six jobs to be done');
        expect(jobs.most()).toBe(size);
        expect([...jobs.started].sort()).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'B3']);
        expect(slots.running).toBe(0);
      } finally {
        for (const gate of jobs.gates.values()) gate();
        for (const runner of runners) await runner.close();
      }
    });
  }
});
