// The BullMQ runner on a real Redis (PROMO_TEST_REDIS_URL): the job runner contract, with a real
// worker process killed mid-job, each test on its own key prefix.
import { Redis } from 'ioredis';
import { describe } from 'vitest';
import { BullmqJobRunner } from '../../src/queue/bullmq-job-runner.ts';
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
else describe.skip('BullmqJobRunner (no PROMO_TEST_REDIS_URL)', () => {});
