// An Insights chart's caption in the page's language. insightsCharts names each chart by kind and
// number (best-times-2: the second account with ranked slots; products-1: the first stream
// account), so the caption is built from the answers it was drawn from; its bilingual title
// (the report's) only where a name is not one of these.
import type { ChartSpec } from '../insights/insights-charts.ts';
import type { InsightsView } from '../read/read-insights.ts';
import type { Translate } from './dashboard-types.ts';

const KEYS: Record<string, string> = { 'best-times': 'insights.chart.bestTimes', 'stream-slots': 'insights.chart.streamSlots', 'lead-times': 'insights.chart.leadTimes', products: 'insights.chart.products' };

/** The caption of `chart`, one of insightsCharts(view.bestTimes, view.streams). */
export function chartCaption(chart: Pick<ChartSpec, 'name' | 'title'>, view: InsightsView, t: Translate): string {
  const match = /^(best-times|stream-slots|lead-times|products)-(\d+)$/.exec(chart.name);
  if (!match) return chart.title;
  const index = Number(match[2]) - 1;
  if (match[1] === 'best-times') {
    const best = view.bestTimes.filter((b) => b.slots.length > 0)[index];
    return best ? t(KEYS['best-times']!, { account: `${best.platform}/${best.account}`, zone: best.zone }) : chart.title;
  }
  const stream = view.streams[index];
  return stream ? t(KEYS[match[1]!]!, { account: `${stream.platform}/${stream.account}` }) : chart.title;
}
