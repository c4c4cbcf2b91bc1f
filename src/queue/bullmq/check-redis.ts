// The check made before any queue is opened: Redis answers within seconds, and never evicts keys
// (an evicted lock or job silently loses work, so anything but maxmemory-policy noeviction is refused).
import { Redis } from 'ioredis';
import { PromoError } from '../../util/promo-error.ts';
import type { RedisTarget } from './redis-target.ts';

/** How long the check waits for Redis before promo gives up (exit 3). */
const CONNECT_TIMEOUT_MS = 3000;

/** Fails within seconds (QUEUE_UNUSABLE, exit 3) when Redis cannot be reached or may evict keys. */
export async function checkRedis(target: RedisTarget): Promise<void> {
  const client = new Redis(target.url, {
    lazyConnect: true, connectTimeout: CONNECT_TIMEOUT_MS, commandTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest: 0, enableOfflineQueue: false,
    retryStrategy: () => null, // one try: the caller reports, the workers reconnect on their own later
  });
  let lastError: Error | undefined;
  client.on('error', (error) => { lastError = error; }); // the cause; connect() itself only says "Connection is closed"

  try {
    try {
      await client.connect();
    } catch (error) {
      throw new PromoError('QUEUE_UNUSABLE', `cannot reach Redis at ${target.shown}: ${(lastError ?? (error as Error)).message}`, {
        hint: 'start redis-server there (see the README, "Render workers on several machines"), or correct `queue.redis` in config.yaml',
      });
    }
    const info = await client.info('memory');
    const policy = /^maxmemory_policy:(\S+)/m.exec(info)?.[1];
    if (policy !== 'noeviction') {
      throw new PromoError('QUEUE_UNUSABLE', `Redis at ${target.shown} has maxmemory-policy ${policy ?? 'unknown'}; promo needs noeviction (an evicted job or lock loses work silently)`, {
        hint: 'set `maxmemory-policy noeviction` in redis.conf (or run `redis-cli CONFIG SET maxmemory-policy noeviction`)',
      });
    }
  } finally {
    client.disconnect();
  }
}
