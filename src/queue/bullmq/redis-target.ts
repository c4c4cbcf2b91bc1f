// Where the BullMQ runner's Redis is: the URL from `queue.redis` with its ${ENV} password filled in
// from the environment, and the same URL without the password for messages.
import type { QueueConfig } from '../../config/config-types.ts';
import { redisUrlPassword } from '../../config/queue-schema.ts';
import { PromoError } from '../../util/promo-error.ts';

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379/0';

export interface RedisTarget {
  /** The URL to connect to (may hold the password: never print it). */
  url: string;
  /** The URL without its password, for messages. */
  shown: string;
}

/** The Redis `queue` names, its password resolved from the environment. */
export function redisTarget(queue: QueueConfig): RedisTarget {
  const written = queue.redis ?? DEFAULT_REDIS_URL;
  const password = redisUrlPassword(written);
  const shown = password === undefined ? written : written.replace(`:${password}@`, '@').replace(/\/\/@/, '//');
  if (password === undefined || password === '') return { url: written, shown };
  const name = /^\$\{(\w+)\}$/.exec(password)![1]!; // the schema allows nothing else
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new PromoError('CONFIG_INVALID', `queue.redis: the Redis password comes from \${${name}}, which is not set`, {
      location: queue.at, hint: `set ${name} in the environment of every promo process that uses the queue`,
    });
  }
  return { url: written.replace(`:${password}@`, `:${encodeURIComponent(value)}@`), shown };
}
