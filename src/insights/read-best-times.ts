// Best times per platform and account from the state database, each measured by the metric asked
// for that account (`insights.metric` and its per-platform and per-account settings, or
// `--metric`): views by default. Where too few posts carry that metric, the note says which
// metric is missing where, and views are ranked instead (likes where views are missing too).
// TikTok's follower activity is the fallback when there are too few posts; all in the account's zone.
import type { BestTimesMetric } from '../config/config-types.ts';
import type { StateDb } from '../store/open-state-db.ts';
import { BEST_TIMES } from './best-times-constants.ts';
import { BEST_TIMES_METRICS } from './best-times-metrics.ts';
import { describeMissingMetric } from './describe-missing-metric.ts';
import { localHour } from './local-hour.ts';
import { rankBestTimes, type BestTimes, type ScoredPostInput } from './rank-best-times.ts';
import { readMetricSeries } from './read-metric-series.ts';

export interface AccountBestTimes extends BestTimes {
  platform: string;
  account: string;
  zone: string;
  /** What each post was measured by. */
  metric: BestTimesMetric;
  /** What was asked for (config or `--metric`); differs from `metric` after a fallback. */
  requested: BestTimesMetric;
  /** Why `metric` is not `requested` (also at the start of `note`). */
  metricNote?: string;
}

export interface ReadBestTimesOptions {
  platform?: string;
  account?: string;
  /** Only posts published from then on (ms). */
  sinceMs?: number;
  zoneOf: (account: string) => string;
  /** The metric of each account (account-metric.ts); views for every one when not given. */
  metricOf?: (platform: string, account: string) => BestTimesMetric;
}

/** Ranked slots of every account with imported posts (or follower activity). */
export function readBestTimes(db: StateDb, options: ReadBestTimesOptions): AccountBestTimes[] {
  const filter = (alias: string) => `${options.platform ? ` AND ${alias}.platform = @platform` : ''}${options.account ? ` AND ${alias}.account = @account` : ''}`;
  const params = { platform: options.platform, account: options.account, since: options.sinceMs ?? -8.64e15 };
  // Accounts with posts or follower activity; those with only 短视频引流 clips (`clipsOnly`)
  // are answered only when measured by live_entries, the one metric those clips carry.
  const accounts = db.prepare(`SELECT platform, account, MIN(clipsOnly) AS clipsOnly FROM (
    SELECT DISTINCT platform, account, 0 AS clipsOnly FROM insight_posts p WHERE 1 = 1 ${filter('p')}
    UNION ALL SELECT DISTINCT platform, account, 0 FROM insight_activity a WHERE 1 = 1 ${filter('a')}
    UNION ALL SELECT DISTINCT platform, account, 1 FROM insight_referrals r WHERE 1 = 1 ${filter('r')})
    GROUP BY platform, account ORDER BY platform, account`).all(clean(params)) as { platform: string; account: string; clipsOnly: number }[];
  const activityOf = db.prepare('SELECT hour_ms, active FROM insight_activity WHERE platform = ? AND account = ? AND hour_ms >= ?').raw();
  const found: AccountBestTimes[] = [];
  for (const { platform, account, clipsOnly } of accounts) {
    const zone = options.zoneOf(account);
    const requested = options.metricOf?.(platform, account) ?? 'views';
    const series = readMetricSeries(db, platform, account, params.since, requested);
    if (clipsOnly && series.metric.length === 0) continue;
    const usable = (posts: ScoredPostInput[]) => posts.length > 0 && (posts.length >= BEST_TIMES.minPosts || posts.length >= series.posts * BEST_TIMES.metricShare);
    let metric = requested;
    let posts = series.metric;
    let metricNote: string | undefined;
    if (series.posts > 0 && !usable(posts)) {
      // Views, else likes (every export has one of them); whichever is usable, else the fuller.
      const others = (['views', 'likes'] as const).filter((m) => m !== requested);
      const instead = others.find((m) => usable(series[m])) ?? [...others].sort((a, b) => series[b].length - series[a].length)[0]!;
      if (series[instead].length > posts.length) {
        metricNote = describeMissingMetric(db, { platform, account, metric: requested, withMetric: posts.length, posts: series.posts, sinceMs: params.since, instead });
        metric = instead;
        posts = series[instead];
      }
    }
    const activity = hourlyActivity(activityOf.all(platform, account, params.since) as [number, number][], zone);
    const ranked = rankBestTimes(BEST_TIMES_METRICS[metric].kind === 'rate' ? asRates(posts) : posts, zone, activity);
    found.push({ platform, account, zone, metric, requested, ...(metricNote ? { metricNote } : {}), ...ranked, note: metricNote ? `${metricNote} — ${ranked.note}` : ranked.note });
  }
  return found;
}

/**
 * rankBestTimes scores ln(1 + x) against the neighbours' median, right for counts. A rate is passed
 * as rate / floor − 1, so ln(1 + x) is ln(rate) − ln(floor): the constant cancels against the
 * neighbours, and the residual is ln(rate ÷ the neighbours' median rate), a lift of rates.
 */
function asRates(posts: ScoredPostInput[]): ScoredPostInput[] {
  return posts.map((p) => ({ publishedMs: p.publishedMs, value: Math.max(p.value, BEST_TIMES.rateFloor) / BEST_TIMES.rateFloor - 1 }));
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
