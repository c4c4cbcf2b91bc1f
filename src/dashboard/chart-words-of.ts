// The Insights charts' words in the page's language, from the zh/en tables (insights-messages.ts),
// so the charts on the Chinese page are all Chinese and those on the English page all English.
import type { ChartWords } from '../insights/chart-words.ts';
import type { Translate } from './dashboard-types.ts';
import { slotLabel } from './slot-label.ts';

/** The ChartWords of a page whose texts `t` gives. */
export function chartWordsOf(t: Translate): ChartWords {
  const metric = (m: string) => t(`insights.metric.${m}`);
  const lead = (code: string) => t(`insights.lead.${code}`);
  return {
    rankedBy: (b) => (b.method === 'follower-activity' ? t('insights.chart.byFollowers') : t('insights.chart.by', { metric: metric(b.metric) })),
    missing: (b) => (b.metric === b.requested || b.method === 'follower-activity' ? '' : t('insights.chart.missing', { asked: metric(b.requested), used: metric(b.metric) })),
    bestTitle: (platform, by) => t('insights.chart.bestTitle', { platform, by }),
    bestSubtitle: (method, posts) => t('insights.chart.bestSubtitle', { method: t(`insights.method.${method}`), posts }),
    slot: (slot, method) => slotLabel(slot, method, t),
    liftAxis: t('insights.lift'),
    barPosts: (posts) => t('insights.chart.barPosts', { posts }),
    baseline: t('insights.chart.baseline'),
    streamTitle: t('insights.chart.streamTitle'),
    streamSubtitle: (streams) => t('insights.chart.streamSubtitle', { streams }),
    viewersPerHour: t('insights.chart.viewersPerHour'),
    salesPerHour: t('insights.chart.salesPerHour'),
    startHour: (hour) => t('insights.chart.startHour', { hour: String(hour).padStart(2, '0') }),
    length: (band) => t('insights.chart.length', { band }),
    people: t('insights.chart.people'),
    leadTitle: t('insights.chart.leadTitle'),
    lead,
    leadSubtitle: (best) => t('insights.chart.leadSubtitle', { best }),
    leadBar: (code, clips) => t('insights.chart.leadBar', { lead: code, clips }),
    referralsAxis: t('insights.chart.referralsAxis'),
    productsTitle: t('insights.chart.productsTitle'),
    productsSubtitle: t('insights.chart.productsSubtitle'),
  };
}
