// promo's configuration file as written: types, ranges, allowed keys. Sections that later stages
// own (`watch`, `channels`, `posts`) are accepted as they are and validated by those stages.
import { z } from 'zod';
import { localPath, numberIn, describeValue } from '../yaml/schema-helpers.ts';
import { isValidTimeZone } from '../time/time-zone.ts';
import { durationIn } from './duration-in.ts';
import { channelsSchema, postsConfigSchema } from './channels-schema.ts';
import { queueSchema } from './queue-schema.ts';
import { insightsSchema } from './insights-schema.ts';
import { dashboardSchema } from './dashboard-schema.ts';
import { cacheSchema } from './cache-schema.ts';

const watchSchema = z.strictObject({
  inbox: localPath('inbox folder', 'folder').meta({ description: 'Folder files are dropped into' }),
  spec: localPath('spec').meta({ description: "Promo spec whose products the dropped files are matched to (by SKU at the start of the name)" }),
  settle: durationIn(0.1, 3600).default('5s').meta({ description: 'Size and mtime unchanged this long before a file is taken' }),
  giveUp: durationIn(1, 7 * 86400).default('30m').meta({ description: 'A file still incomplete after this long goes to failed/' }),
  poll: z.boolean().default(false).meta({ description: 'Poll the folder instead of relying on file system events (network shares)' }),
});

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
  cache: cacheSchema.optional(),
  watch: z.array(watchSchema).optional(),
  queue: queueSchema.optional(),
  channels: channelsSchema.optional(),
  posts: postsConfigSchema.optional(),
  insights: insightsSchema.optional(),
  dashboard: dashboardSchema.optional(),
});

export type ConfigInput = z.output<typeof configSchema>;
