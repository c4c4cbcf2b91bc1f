// What best times can be measured by: per metric the insight_posts expression that reads it, whether
// it is a count or a rate, its zh and en names, and the export fields that feed it (so a missing
// one can be named with the export's own headers). The README's Insights section lists the same.
import type { BestTimesMetric } from '../config/config-types.ts';
import type { FieldName } from './export-format.ts';

export interface BestTimesMetricInfo {
  /** `count`: ln(1 + x) against the neighbours; `rate` (a fraction): ln(x), so the lift is a ratio of rates. */
  kind: 'count' | 'rate';
  zh: string;
  en: string;
  /** The value in insight_posts (constant SQL: never built from user text). */
  sql: string;
  /** The export fields it is made of (export-format.ts); any one of `some` is enough beside every one of `all`. */
  all: readonly FieldName[];
  some?: readonly FieldName[];
}

export const BEST_TIMES_METRICS: Readonly<Record<BestTimesMetric, BestTimesMetricInfo>> = {
  views: { kind: 'count', zh: '播放量', en: 'views', sql: 'views', all: ['views'] },
  likes: { kind: 'count', zh: '点赞量', en: 'likes', sql: 'likes', all: ['likes'] },
  shares: { kind: 'count', zh: '分享量', en: 'shares', sql: 'shares', all: ['shares'] },
  comments: { kind: 'count', zh: '评论量', en: 'comments', sql: 'comments', all: ['comments'] },
  saves: { kind: 'count', zh: '收藏量', en: 'saves', sql: 'saves', all: ['saves'] },
  followers: { kind: 'count', zh: '涨粉量', en: 'follower gain', sql: 'followers_gained', all: ['followersGained'] },
  completion: { kind: 'rate', zh: '完播率', en: 'completion rate', sql: 'completion', all: ['completion'] },
  // The 短视频引流 sheet's clips are added to these by read-metric-series.ts.
  live_entries: { kind: 'count', zh: '引流直播间次数', en: 'live-room entries', sql: 'live_referrals', all: ['liveReferrals'] },
  // Interactions the export has no column for (视频号 has no 收藏) are left out of the sum.
  engagement: {
    kind: 'rate', zh: '互动率', en: 'engagement rate', all: ['views'], some: ['likes', 'comments', 'shares', 'saves'],
    sql: `CASE WHEN views > 0 AND (likes IS NOT NULL OR comments IS NOT NULL OR shares IS NOT NULL OR saves IS NOT NULL)
      THEN (COALESCE(likes, 0) + COALESCE(comments, 0) + COALESCE(shares, 0) + COALESCE(saves, 0)) * 1.0 / views END`,
  },
};
