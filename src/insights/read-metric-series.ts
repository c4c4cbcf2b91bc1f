// One account's posts as best times score them: those that tell something about their hour (not
// paid, not day-only, from `since` on), each with its views, likes and the asked metric (null where
// the export had none: a post without the metric is left out of its ranking, never counted as 0).
// For live_entries the 短视频引流 sheets' clips count too: a clip's viewers sent into the live
// room summed over the streams that list it, unless 罗盘's per-video figure for it is imported.
import type { BestTimesMetric } from '../config/config-types.ts';
import type { StateDb } from '../store/open-state-db.ts';
import { BEST_TIMES_METRICS } from './best-times-metrics.ts';
import { postKey } from './post-key.ts';
import type { ScoredPostInput } from './rank-best-times.ts';

export interface MetricSeries {
  /** Posts scored by anything (views, likes or the metric). */
  posts: number;
  views: ScoredPostInput[];
  likes: ScoredPostInput[];
  /** The asked metric's posts (the same array as `views` or `likes` for those). */
  metric: ScoredPostInput[];
}

const SCORED = 'platform = ? AND account = ? AND time_known = 1 AND (paid IS NULL OR paid = 0) AND published_ms >= ?';

/** Reads the account's series for `metric` (one of BEST_TIMES_METRICS: its SQL is constant). */
export function readMetricSeries(db: StateDb, platform: string, account: string, sinceMs: number, metric: BestTimesMetric): MetricSeries {
  if (!Object.hasOwn(BEST_TIMES_METRICS, metric)) throw new Error(`unknown best-times metric ${metric}`);
  const own = metric !== 'views' && metric !== 'likes';
  const expression = BEST_TIMES_METRICS[metric].sql;
  // One row of JSON arrays: better-sqlite3 builds a JS array per row otherwise, which is most of
  // the time for 100 000 posts; JSON.parse of one string is several times faster.
  const found = db.prepare(`SELECT json_group_array(t) AS t, json_group_array(views) AS views, json_group_array(likes) AS likes${own ? ', json_group_array(m) AS m' : ''} FROM (
    SELECT published_ms AS t, views, likes${own ? `, ${expression} AS m` : ''} FROM insight_posts
    WHERE ${SCORED} AND (views IS NOT NULL OR likes IS NOT NULL${own ? ` OR ${expression} IS NOT NULL` : ''}) ORDER BY published_ms)`)
    .get(platform, account, sinceMs) as { t: string; views: string; likes: string; m?: string };
  const times = JSON.parse(found.t) as number[];
  const pick = (values: (number | null)[]) => {
    const out: ScoredPostInput[] = [];
    for (let i = 0; i < times.length; i++) if (values[i] !== null) out.push({ publishedMs: times[i]!, value: values[i]! });
    return out;
  };
  const views = pick(JSON.parse(found.views) as (number | null)[]);
  const likes = pick(JSON.parse(found.likes) as (number | null)[]);
  const series: MetricSeries = { posts: times.length, views, likes, metric: metric === 'views' ? views : metric === 'likes' ? likes : pick(JSON.parse(found.m!) as (number | null)[]) };
  if (metric === 'live_entries') addReferralClips(db, platform, account, sinceMs, series);
  return series;
}

function addReferralClips(db: StateDb, platform: string, account: string, sinceMs: number, series: MetricSeries): void {
  const clips = db.prepare(`SELECT title, posted_ms, SUM(referrals) AS referrals FROM insight_referrals
    WHERE platform = ? AND account = ? AND posted_ms >= ? AND referrals IS NOT NULL GROUP BY title, posted_ms`).raw().all(platform, account, sinceMs) as [string, number, number][];
  if (clips.length === 0) return;
  const byKey = new Map<string, { at: number; referrals: number }>();
  for (const [title, at, referrals] of clips) {
    const key = postKey(title, at);
    const seen = byKey.get(key);
    if (seen) seen.referrals += referrals;
    else byKey.set(key, { at, referrals });
  }
  // The imported posts these clips are: a boosted one tells nothing about its hour, one with its
  // own 引流直播间次数 is counted already, one scored by views only gains the metric (no new post).
  const known = db.prepare(`SELECT key, (paid IS NOT NULL AND paid <> 0) AS paid, live_referrals IS NOT NULL AS counted,
    (time_known = 1 AND (paid IS NULL OR paid = 0) AND published_ms >= ? AND (views IS NOT NULL OR likes IS NOT NULL OR live_referrals IS NOT NULL)) AS scored
    FROM insight_posts WHERE platform = ? AND account = ? AND key IN (SELECT value FROM json_each(?))`).raw().all(sinceMs, platform, account, JSON.stringify([...byKey.keys()])) as [string, number, number, number][];
  const posts = new Map(known.map(([key, paid, counted, scored]) => [key, { paid, counted, scored }]));
  for (const [key, clip] of byKey) {
    const post = posts.get(key);
    if (post?.paid || post?.counted) continue;
    series.metric.push({ publishedMs: clip.at, value: clip.referrals });
    if (!post?.scored) series.posts++;
  }
}
