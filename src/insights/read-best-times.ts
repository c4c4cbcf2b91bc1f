// Best times per platform and account from the state database: the posts that tell something
// about their hour (not paid, not day-only), views where the export has them (else likes), and
// TikTok's follower activity for the fallback, each in the account's zone.
import type { StateDb } from '../store/open-state-db.ts';
import { localHour } from './local-hour.ts';
import { rankBestTimes, type BestTimes } from './rank-best-times.ts';

export interface AccountBestTimes extends BestTimes {
  platform: string;
  account: string;
  zone: string;
  /** What each post was measured by. */
  metric: 'views' | 'likes';
}

export interface ReadBestTimesOptions {
  platform?: string;
  account?: string;
  /** Only posts published from then on (ms). */
  sinceMs?: number;
  zoneOf: (account: string) => string;
}

/** Ranked slots of every account with imported posts (or follower activity). */
export function readBestTimes(db: StateDb, options: ReadBestTimesOptions): AccountBestTimes[] {
  const filter = (alias: string) => `${options.platform ? ` AND ${alias}.platform = @platform` : ''}${options.account ? ` AND ${alias}.account = @account` : ''}`;
  const params = { platform: options.platform, account: options.account, since: options.sinceMs ?? -8.64e15 };
  const accounts = db.prepare(`SELECT platform, account FROM insight_posts p WHERE 1 = 1 ${filter('p')}
    UNION SELECT platform, account FROM insight_activity a WHERE 1 = 1 ${filter('a')} ORDER BY platform, account`).all(clean(params)) as { platform: string; account: string }[];
  // One row of three JSON arrays: better-sqlite3 builds a JS array per row otherwise, which is
  // most of the time for 100 000 posts; JSON.parse of one string is several times faster.
  const postsOf = db.prepare(`SELECT json_group_array(t) AS t, json_group_array(views) AS views, json_group_array(likes) AS likes FROM (
    SELECT published_ms AS t, views, likes FROM insight_posts
    WHERE platform = ? AND account = ? AND time_known = 1 AND (paid IS NULL OR paid = 0) AND published_ms >= ? AND (views IS NOT NULL OR likes IS NOT NULL) ORDER BY published_ms)`);
  const activityOf = db.prepare('SELECT hour_ms, active FROM insight_activity WHERE platform = ? AND account = ? AND hour_ms >= ?').raw();
  return accounts.map(({ platform, account }) => {
    const zone = options.zoneOf(account);
    const found = postsOf.get(platform, account, params.since) as { t: string; views: string; likes: string };
    const times = JSON.parse(found.t) as number[];
    const views = JSON.parse(found.views) as (number | null)[];
    let withViews = 0;
    for (const v of views) if (v !== null) withViews++;
    const metric = withViews >= times.length * 0.8 ? 'views' : 'likes';
    const values = metric === 'views' ? views : JSON.parse(found.likes) as (number | null)[];
    const posts: { publishedMs: number; value: number }[] = [];
    for (let i = 0; i < times.length; i++) if (values[i] !== null) posts.push({ publishedMs: times[i]!, value: values[i]! });
    const activity = hourlyActivity(activityOf.all(platform, account, params.since) as [number, number][], zone);
    return { platform, account, zone, metric, ...rankBestTimes(posts, zone, activity) };
  });
}

function hourlyActivity(rows: [number, number][], zone: string): number[] | undefined {
  if (rows.length === 0) return undefined;
  const where = localHour(zone);
  const sums = new Array<number>(24).fill(0);
  const counts = new Array<number>(24).fill(0);
  for (const [ms, active] of rows) {
    const { hour } = where(ms);
    sums[hour]! += active;
    counts[hour]!++;
  }
  return sums.map((s, h) => (counts[h] ? s / counts[h]! : 0));
}

function clean<T extends Record<string, unknown>>(params: T): Partial<T> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Partial<T>;
}
