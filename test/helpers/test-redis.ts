// The Redis the BullMQ tests use: PROMO_TEST_REDIS_URL, as scripts/start-test-redis.sh prints it
// (.ci/run starts one). Under CI a missing URL fails the test file instead of skipping it, so the
// queue tests can never silently not run; locally they are skipped with a note.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterThisTest } from './test-cleanup.ts';

export const TEST_REDIS_URL = process.env.PROMO_TEST_REDIS_URL;
if (!TEST_REDIS_URL && process.env.CI) {
  throw new Error('PROMO_TEST_REDIS_URL is not set: the BullMQ tests need a Redis (eval "$(scripts/start-test-redis.sh)")');
}
if (!TEST_REDIS_URL) process.stderr.write('PROMO_TEST_REDIS_URL is not set: BullMQ tests skipped (eval "$(scripts/start-test-redis.sh)" to run them)\n');

/** A fresh key prefix for this test; every key under it is deleted after the test. */
export function testQueuePrefix(): string {
  const prefix = `t-${randomUUID().slice(0, 8)}`;
  afterThisTest(async () => {
    const redis = new Redis(TEST_REDIS_URL!, { maxRetriesPerRequest: 1 });
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  });
  return prefix;
}
