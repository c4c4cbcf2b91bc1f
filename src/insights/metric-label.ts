// What an account's best times were ranked by, as the report and its charts label it:
// `按分享量 by shares`, or `按粉丝活跃 by follower activity` when follower activity ranked the hours.
import { BEST_TIMES_METRICS } from './best-times-metrics.ts';
import type { AccountBestTimes } from './read-best-times.ts';

/** The zh and en label of the metric the slots were ranked by. */
export function metricLabel(b: Pick<AccountBestTimes, 'method' | 'metric'>): string {
  if (b.method === 'follower-activity') return '按粉丝活跃 by follower activity';
  return `按${BEST_TIMES_METRICS[b.metric].zh} by ${BEST_TIMES_METRICS[b.metric].en}`;
}
