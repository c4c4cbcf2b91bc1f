// The `queue:` section of config.yaml: which job runner keeps and runs render jobs. `local` (the
// default) is the embedded runner on the state database; `bullmq` (Redis) is accepted here so a
// configuration can be written ahead. The Redis URL may hold a password only as a ${ENV}
// reference, so no secret is ever written in config.yaml (redis-url.ts resolves it when used).
import { z } from 'zod';
import { durationIn } from './duration-in.ts';

/** The password part of a redis:// URL, if any (`redis://user:PASSWORD@host`). */
export function redisUrlPassword(url: string): string | undefined {
  return /^rediss?:\/\/[^@/]*?:([^@/]*)@/.exec(url)?.[1];
}

export const QUEUE_BACKENDS = ['local', 'bullmq'] as const;

export const queueSchema = z.strictObject({
  backend: z.enum(QUEUE_BACKENDS)
    .default('local')
    .meta({ description: 'local: the embedded runner on the state database; bullmq: render workers on Redis (promo worker)' }),
  redis: z.string()
    .regex(/^rediss?:\/\//, { error: 'a Redis URL such as redis://localhost:6379/0' })
    .refine((url) => { const password = redisUrlPassword(url); return !password || /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(password); }, {
      error: 'write the password as a ${ENV} reference (redis://:${REDIS_PASSWORD}@host:6379/0), never in config.yaml',
    })
    .optional()
    .meta({ description: 'Redis URL for backend bullmq (a password only as a ${ENV} reference)' }),
  prefix: z.string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, { error: 'letters, digits, `_`, `.` or `-` (at most 64)' })
    .optional()
    .meta({ description: 'Prefix of the Redis keys for backend bullmq (default promo)' }),
  lock: durationIn(2, 3600)
    .optional()
    .meta({ description: 'How long a worker holds a job without renewing its lock (default 60s); a dead worker\'s job is taken over after about this long' }),
});
