// The `queue:` section of config.yaml: which job runner keeps and runs render jobs. `local` (the
// default) is the embedded runner on the state database; `bullmq` (Redis) is accepted here so a
// configuration can be written ahead, and refused by createJobRunner until issue 10 builds it.
import { z } from 'zod';

export const QUEUE_BACKENDS = ['local', 'bullmq'] as const;

export const queueSchema = z.strictObject({
  backend: z.enum(QUEUE_BACKENDS)
    .default('local')
    .meta({ description: 'local: the embedded runner on the state database; bullmq: render workers on Redis (issue 10)' }),
  redis: z.string()
    .regex(/^rediss?:\/\//, { error: 'a Redis URL such as redis://localhost:6379/0' })
    .optional()
    .meta({ description: 'Redis URL for backend bullmq (a password only as a ${ENV} reference)' }),
  prefix: z.string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, { error: 'letters, digits, `_`, `.` or `-` (at most 64)' })
    .optional()
    .meta({ description: 'Prefix of the Redis keys for backend bullmq (default promo)' }),
});
