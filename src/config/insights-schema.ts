// The `insights:` section of config.yaml: what best times are measured by (`metric`, per platform
// and per account too), and per account of `promo insights import --account NAME` the zone its
// exports write times in (default: the config's `timezone`).
import { z } from 'zod';
import { isValidTimeZone } from '../time/time-zone.ts';
import { describeValue, nameOf } from '../yaml/schema-helpers.ts';

/** What best times can be measured by (src/insights/best-times-metrics.ts says how each is read). */
export const BEST_TIMES_METRIC_NAMES = ['views', 'likes', 'shares', 'comments', 'saves', 'followers', 'completion', 'live_entries', 'engagement'] as const;

/** The platforms promo reads exports of (the formats' platforms; a test holds the two lists together). */
export const INSIGHT_PLATFORM_NAMES = ['douyin', 'kuaishou', 'wechat-channels', 'xiaohongshu', 'tiktok', 'youtube', 'instagram'] as const;

const metric = z.enum(BEST_TIMES_METRIC_NAMES).meta({ description: 'What best times are measured by (default views)' });

export const insightsSchema = z.strictObject({
  metric: metric.optional(),
  platforms: z.strictObject(Object.fromEntries(INSIGHT_PLATFORM_NAMES.map((p) => [p, z.strictObject({ metric: metric.optional() }).optional()])))
    .optional().meta({ description: 'Per platform: `metric` for its accounts (an account\'s own wins)' }),
  accounts: z.record(nameOf('account name'), z.strictObject({
    timezone: z.string()
      .refine(isValidTimeZone, { error: (iss) => `${describeValue(iss.input)} is not an IANA time zone; use a name like Asia/Shanghai, America/New_York or UTC` })
      .optional()
      .meta({ description: "Zone the account's exports write their times in (default: the config's timezone)" }),
    metric: metric.optional(),
  })).default({}).meta({ description: 'Accounts (as named by `promo insights import --account`; the platform name by default)' }),
});
