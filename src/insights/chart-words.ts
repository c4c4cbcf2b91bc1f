// The words on the Insights charts, apart from the numbers and the user's own names: the report's
// (Chinese with the English word beside, REPORT_WORDS) or a reader's own language (the dashboard
// builds one from its zh/en tables), so a chart never mixes a page's language with another.
import { BEST_TIMES_METRICS } from './best-times-metrics.ts';
import { formatSlot } from './format-slot.ts';
import { metricLabel } from './metric-label.ts';
import type { BestTimesMethod } from './rank-best-times.ts';
import type { AccountBestTimes } from './read-best-times.ts';

export interface ChartWords {
  /** What the slots were ranked by (`按分享量 by shares`). */
  rankedBy(b: AccountBestTimes): string;
  /** After a metric fallback, what the data lacks and what was ranked instead; '' otherwise. */
  missing(b: AccountBestTimes): string;
  bestTitle(platform: string, rankedBy: string): string;
  bestSubtitle(method: BestTimesMethod, posts: number): string;
  slot(slot: { weekday: number | null; hour: number }, method: BestTimesMethod): string;
  liftAxis: string;
  /** Under a bar: the posts it is made of. */
  barPosts(posts: number): string;
  baseline: string;
  streamTitle: string;
  streamSubtitle(streams: number): string;
  viewersPerHour: string;
  salesPerHour: string;
  startHour(hour: number): string;
  /** A length band: `<2h`, `2–4h`, `4h+`. */
  length(band: string): string;
  people: string;
  leadTitle: string;
  /** A lead time code: `T-15m`, `T-3h`, `T-24h`, `earlier`. */
  lead(code: string): string;
  leadSubtitle(best: string): string;
  leadBar(lead: string, clips: number): string;
  referralsAxis: string;
  productsTitle: string;
  productsSubtitle: string;
}

const METHODS: Record<BestTimesMethod, string> = { 'hour-of-week': '按一周中的小时 hour of week', 'hour-of-day': '按小时 hour of day', '3-hour-block': '按3小时段 3-hour blocks', 'follower-activity': '粉丝活跃 follower activity', none: '数据不足 not enough data' };

/** The report's words: Chinese with the English word beside. */
export const REPORT_WORDS: ChartWords = {
  rankedBy: metricLabel,
  missing(b) {
    if (b.metric === b.requested || b.method === 'follower-activity') return '';
    const [asked, used] = [BEST_TIMES_METRICS[b.requested], BEST_TIMES_METRICS[b.metric]];
    return `数据缺${asked.zh}，改按${used.zh} no ${asked.en} in the data, ranked by ${used.en}`;
  },
  bestTitle: (platform, by) => `${platform} 最佳发布时段 · ${by}`,
  bestSubtitle: (method, posts) => `${METHODS[method]} · ${posts} 条作品 posts · 基准=1`,
  slot: formatSlot,
  liftAxis: '相对基准 lift',
  barPosts: (posts) => `${posts}条`,
  baseline: '基准',
  streamTitle: '开播时段与时长（每小时）',
  streamSubtitle: (n) => `${n} 场直播 streams`,
  viewersPerHour: '观看人数/小时 viewers/h',
  salesPerHour: '成交金额/小时 sales/h',
  startHour: (hour) => `${String(hour).padStart(2, '0')}:00 开播`,
  length: (band) => `时长 ${band}`,
  people: '人',
  leadTitle: '短视频引流：提前多久发布',
  lead: (code) => code,
  leadSubtitle: (best) => `最佳 best: ${best}`,
  leadBar: (lead, clips) => `${lead}（${clips} 条）`,
  referralsAxis: '每条引流人次',
  productsTitle: '商品成交金额 sales',
  productsSubtitle: '¥ 成交金额 · 点击率 click rate · 转化率 pay rate',
};
