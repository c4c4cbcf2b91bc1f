// promo's configuration file as written: types, ranges, allowed keys. Sections that later stages
// own (`watch`, `channels`, `posts`) are accepted as they are and validated by those stages.
import { z } from 'zod';
import { localPath, numberIn, describeValue } from '../spec/schema-helpers.ts';
import { isValidTimeZone } from '../time/time-zone.ts';

export const DEFAULT_CONFIG = {
  state: '.promo/state.db',
  out: 'out',
  // Deterministic whatever the machine's TZ: promo's users mostly stream in China.
  timezone: 'Asia/Shanghai',
  timeoutScale: 1,
} as const;

export const configSchema = z.strictObject({
  state: localPath('state database').default(DEFAULT_CONFIG.state),
  out: localPath('output folder', 'folder').default(DEFAULT_CONFIG.out),
  timezone: z
    .string()
    .refine(isValidTimeZone, { error: (iss) => `${describeValue(iss.input)} is not an IANA time zone; use a name like Asia/Shanghai, America/New_York or UTC` })
    .default(DEFAULT_CONFIG.timezone),
  ffmpeg: localPath('ffmpeg binary').optional(),
  ffprobe: localPath('ffprobe binary').optional(),
  render: z
    .strictObject({
      concurrency: numberIn(1, 64, { integer: true }).optional(),
      timeoutScale: numberIn(0.1, 100).default(DEFAULT_CONFIG.timeoutScale),
    })
    .optional(),
  watch: z.unknown().optional(),
  channels: z.unknown().optional(),
  posts: z.unknown().optional(),
});

export type ConfigInput = z.output<typeof configSchema>;
