// The BullMQ runner on a real Redis (PROMO_TEST_REDIS_URL): the job runner contract, with a real
// worker process killed mid-job, each test on its own key prefix.
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { BullmqJobRunner } from '../../src/queue/bullmq-job-runner.ts';
import { JobReleased } from '../../src/queue/job-runner.ts';
import { TEST_REDIS_URL, testQueuePrefix } from '../helpers/test-redis.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { describeJobRunnerContract, type RunnerBench } from './job-runner-contract.ts';
import { killWorkerMidJob } from './kill-worker-mid-job.ts';

function makeBench(): Promise<RunnerBench> {
  const url = TEST_REDIS_URL!;
  const prefix = testQueuePrefix();
  const inbox = `/inbox-${prefix}`;
  return Promise.resolve({
    inbox,
    open: async (options = {}) => new BullmqJobRunner({ redis: { url, shown: url }, prefix, inboxes: [inbox], concurrency: options.concurrency ?? 1, lockSeconds: 2, onEvent: options.onEvent }),
    crashWhileRunning: async () => {
      const id = await killWorkerMidJob('hang-on-next-bullmq-job.ts', [url, prefix, inbox]);
      // Dead, as far as the queue can tell, once its lock has run out (no one renews it).
      const redis = new Redis(url);
      try {
        await waitFor(async () => (await redis.exists(`${prefix}:render:${id}:lock`)) === 0, 'the killed worker\'s lock to expire');
      } finally {
        redis.disconnect();
      }
    },
  });
}

if (TEST_REDIS_URL) describeJobRunnerContract('BullmqJobRunner', makeBench);

describe.skipIf(!TEST_REDIS_URL)('BullmqJobRunner locks', () => {
  it('a job whose worker died twice fails with "job stalled more than allowable limit" (maxStalledCount 1)', async () => {
    const url = TEST_REDIS_URL!;
    const prefix = testQueuePrefix();
    const inbox = '/in';
    const runner = new BullmqJobRunner({ redis: { url, shown: url }, prefix, inboxes: [inbox], concurrency: 1, lockSeconds: 2 });
    try {
      const { job } = await runner.submit({ inbox, spec: '/s.yaml', fileName: 'K.mp4', contentSha256: 'k'.repeat(64), size: 1, mtimeMs: 1, sku: 'K', footage: '/f/K.mp4' });
      // The first worker takes it and dies; the second one's stalled checker takes it over (once
      // the lock ran out), and dies too; the third one's checker finds it stalled a second time.
      const first = await killWorkerMidJob('hang-on-next-bullmq-job.ts', [url, prefix, inbox]);
      const second = await killWorkerMidJob('hang-on-next-bullmq-job.ts', [url, prefix, inbox]);
      expect([first, second]).toEqual([job.id, job.id]);
      const calls: string[] = [];
      runner.start(async (running) => {
        calls.push(running.id);
        return { state: 'done', outputs: [] };
      });
      await waitFor(async () => (await runner.get(job.id))?.state === 'failed', 'the job to fail');
      expect((await runner.get(job.id))!.error).toBe('job stalled more than allowable limit');
      expect(calls).toEqual([]);
      await runner.stop();
    } finally {
      await runner.close();
    }
  });

  it('drain() lets a running job finish within the grace time, and hands back one that takes longer', async () => {
    const url = TEST_REDIS_URL!;
    const prefix = testQueuePrefix();
    const runner = new BullmqJobRunner({ redis: { url, shown: url }, prefix, inboxes: ['/in'], concurrency: 2, lockSeconds: 2 });
    try {
      const input = (sku: string) => ({ inbox: '/in', spec: '/s.yaml', fileName: `${sku}.mp4`, contentSha256: sku.padEnd(64, '0'), size: 1, mtimeMs: 1, sku, footage: `/f/${sku}.mp4` });
      const quick = await runner.submit(input('QUICK'));
      const slow = await runner.submit(input('SLOW'));
      let finishQuick = () => {};
      const started = new Set<string>();
      runner.start(async (job, { signal }) => {
        started.add(job.sku!);
        if (job.sku === 'QUICK') await new Promise<void>((resolve) => { finishQuick = resolve; });
        else await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        if (signal.aborted) throw new JobReleased('stopping');
        return { state: 'done', outputs: [] };
      });
      await waitFor(() => started.size === 2, 'both jobs to start');
      const draining = runner.drain(1000);
      finishQuick(); // ends within the grace time
      await draining;
      expect((await runner.get(quick.job.id))!.state).toBe('done');
      expect(await runner.get(slow.job.id)).toMatchObject({ state: 'queued', attempts: 0 }); // handed back, not counted
    } finally {
      await runner.close();
    }
  });

  it('aborts the handler (its ffmpeg) when the worker loses its lock; the job is taken over and done once', async () => {
    const url = TEST_REDIS_URL!;
    const prefix = testQueuePrefix();
    const runner = new BullmqJobRunner({ redis: { url, shown: url }, prefix, inboxes: ['/in'], concurrency: 1, lockSeconds: 2 });
    const redis = new Redis(url);
    try {
      const { job } = await runner.submit({ inbox: '/in', spec: '/s.yaml', fileName: 'L.mp4', contentSha256: 'l'.repeat(64), size: 1, mtimeMs: 1, sku: 'L', footage: '/f/L.mp4' });
      const calls: string[] = [];
      runner.start(async (running, { signal }) => {
        calls.push(running.id);
        if (calls.length > 1) return { state: 'done', outputs: ['/out/L.mp4'] };
        // As if Redis had forgotten the lock (a restart without AOF, a long stall): renewal fails.
        await redis.del(`${prefix}:render:${running.id}:lock`);
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        calls.push('aborted');
        throw new JobReleased('interrupted');
      });
      await waitFor(async () => (await runner.get(job.id))?.state === 'done', 'the job to be taken over and done');
      expect(calls).toEqual([job.id, 'aborted', job.id]);
      expect(await runner.get(job.id)).toMatchObject({ state: 'done', attempts: 2, outputs: ['/out/L.mp4'] });
      await runner.stop();
    } finally {
      redis.disconnect();
      await runner.close();
    }
  });
});
