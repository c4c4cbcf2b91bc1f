// `cache:` in config.yaml: how much the output folder's kept files (`<out>/.promo/`: drawn images,
// covers, segments, loudness measurements, analyses) may grow before a render prunes them.
import { z } from 'zod';
import { parseDuration } from '../time/parse-duration.ts';
import { parseSize } from '../util/parse-size.ts';
import { describeValue } from '../yaml/schema-helpers.ts';

/** What the defaults are, as written (README: Configuration). */
export const CACHE_DEFAULTS = { maxSize: '5GiB', maxAge: '30d' } as const;

const isOff = (value: unknown) => value === 0 || value === '0' || value === 'off' || value === false;

export const cacheSchema = z.strictObject({
  maxSize: z.union([z.number(), z.string(), z.boolean()], { error: 'a size such as 5GiB, 500MB or off' })
    .refine((value) => isOff(value) || (parseSize(value) ?? 0) > 0, {
      error: (iss) => `${describeValue(iss.input)} is not a size; write it like 5GiB, 500MB or 2G (bytes as a number), or 0 / off for no size limit`,
    })
    .meta({ description: 'Kept files beyond this size are pruned after a render, least recently used first (default 5GiB; 0 or off: no limit)' })
    .optional(),
  maxAge: z.union([z.number(), z.string(), z.boolean()], { error: 'a duration such as 30d, 12h or off' })
    .refine((value) => isOff(value) || (parseDuration(value) ?? 0) > 0, {
      error: (iss) => `${describeValue(iss.input)} is not a duration; write it like 30d, 12h or 90m, or 0 / off to keep unused files however old`,
    })
    .meta({ description: 'Kept files no current output uses and unused this long are pruned after a render (default 30d; 0 or off: never by age)' })
    .optional(),
});

export type CacheInput = z.output<typeof cacheSchema>;

/** Bytes and seconds (undefined: that limit is off) from the section as written, defaults applied. */
export function resolveCacheLimits(input: CacheInput | undefined): { maxSize?: number; maxAge?: number } {
  const size = input?.maxSize ?? CACHE_DEFAULTS.maxSize;
  const age = input?.maxAge ?? CACHE_DEFAULTS.maxAge;
  return {
    ...(isOff(size) ? {} : { maxSize: parseSize(size)! }),
    ...(isOff(age) ? {} : { maxAge: parseDuration(age)! }),
  };
}
