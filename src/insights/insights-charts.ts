// The report's charts as ECharts options: best hours per account (titled with the metric they are
// ranked by), stream slots per hour live, viewers sent by lead time (短视频引流), and products by
// sales. Labels in Chinese with the English word beside (the report's words), or in one language
// when a reader gives its own (chart-words.ts), numbers as the CLI prints them.
import type { EChartsOption } from 'echarts';
import { REPORT_WORDS, type ChartWords } from './chart-words.ts';
import type { AccountBestTimes } from './read-best-times.ts';
import type { StreamInsights } from './read-stream-insights.ts';
import { roundPerHour } from './round-per-hour.ts';

export interface ChartSpec {
  /** File name without extension. */
  name: string;
  title: string;
  option: EChartsOption;
  height?: number;
}

const RED = '#E60012';
const GREY = '#9aa0a6';

/** Every chart the answers have data for. */
export function insightsCharts(bestTimes: readonly AccountBestTimes[], streams: readonly StreamInsights[], words: ChartWords = REPORT_WORDS): ChartSpec[] {
  const charts: ChartSpec[] = [];
  bestTimes.filter((b) => b.slots.length > 0).forEach((b, i) => {
    const slots = [...b.slots].sort((x, y) => (x.weekday ?? 0) - (y.weekday ?? 0) || x.hour - y.hour);
    const by = words.rankedBy(b);
    const missing = words.missing(b);
    charts.push({
      name: `best-times-${i + 1}`,
      title: `${b.platform}/${b.account} 最佳发布时段 best times · ${by} (${b.zone})`,
      option: {
        // What the data lacks on a line of its own: beside the rest it ran into the y axis' name.
        title: { text: words.bestTitle(b.platform, by), subtext: `${missing ? `${missing}\n` : ''}${words.bestSubtitle(b.method, b.posts)}`, left: 'center' },
        grid: { left: 56, right: 48, top: missing ? 96 : 72, bottom: 48 },
        xAxis: { type: 'category', data: slots.map((s) => words.slot(s, b.method)), axisLabel: { interval: 0, rotate: slots.length > 12 ? 45 : 0 } },
        yAxis: { type: 'value', name: words.liftAxis, min: 0 },
        series: [{
          type: 'bar',
          data: slots.map((s) => ({ value: s.lift, itemStyle: { color: s.confident && s.lift > 1 ? RED : GREY } })),
          label: { show: true, position: 'top', formatter: (p) => `${(slots[p.dataIndex]!.lift).toFixed(2)}×${b.method === 'follower-activity' ? '' : `\n${words.barPosts(slots[p.dataIndex]!.posts)}`}` },
          markLine: { silent: true, symbol: 'none', data: [{ yAxis: 1 }], lineStyle: { color: '#333', type: 'dashed' }, label: { formatter: words.baseline } },
        }],
      },
    });
  });
  streams.forEach((s, i) => {
    if (s.byStartHour.length > 0) {
      const slots = [...s.byStartHour, ...s.byLength];
      charts.push({
        name: `stream-slots-${i + 1}`,
        title: `${s.platform}/${s.account} 直播时段 stream slots`,
        option: {
          title: { text: words.streamTitle, subtext: words.streamSubtitle(s.streams), left: 'center' },
          legend: { bottom: 0, data: [words.viewersPerHour, words.salesPerHour] },
          grid: { left: 64, right: 64, top: 72, bottom: 56 },
          xAxis: { type: 'category', data: slots.map((x) => (typeof x.slot === 'number' ? words.startHour(x.slot) : words.length(x.slot))) },
          yAxis: [{ type: 'value', name: words.people }, { type: 'value', name: '¥' }],
          series: [
            { name: words.viewersPerHour, type: 'bar', data: slots.map((x) => roundPerHour(x.viewersPerHour)), itemStyle: { color: '#1a73e8' }, label: { show: true, position: 'top' } },
            { name: words.salesPerHour, type: 'bar', yAxisIndex: 1, data: slots.map((x) => roundPerHour(x.gmvPerHour)), itemStyle: { color: RED }, label: { show: true, position: 'top' } },
          ],
        },
      });
    }
    if (s.byLead.length > 0) {
      charts.push({
        name: `lead-times-${i + 1}`,
        title: `${s.platform}/${s.account} 短视频引流 lead time`,
        option: {
          title: { text: words.leadTitle, subtext: words.leadSubtitle(words.lead(s.bestLead ?? '')), left: 'center' },
          grid: { left: 64, right: 24, top: 72, bottom: 40 },
          xAxis: { type: 'category', data: s.byLead.map((l) => words.leadBar(words.lead(l.lead), l.clips)) },
          yAxis: { type: 'value', name: words.referralsAxis },
          series: [{ type: 'bar', data: s.byLead.map((l) => ({ value: l.referrals, itemStyle: { color: l.lead === s.bestLead ? RED : GREY } })), label: { show: true, position: 'top' } }],
        },
      });
    }
    if (s.products.length > 0) {
      const products = s.products.slice(0, 12).reverse();
      charts.push({
        name: `products-${i + 1}`,
        title: `${s.platform}/${s.account} 商品 products`,
        height: Math.max(260, 80 + products.length * 36),
        option: {
          title: { text: words.productsTitle, subtext: words.productsSubtitle, left: 'center' },
          grid: { left: 160, right: 170, top: 64, bottom: 32 },
          xAxis: { type: 'value' },
          yAxis: { type: 'category', data: products.map((p) => truncate(p.name, 12)) },
          series: [{ type: 'bar', data: products.map((p) => p.gmv), itemStyle: { color: RED },
            label: { show: true, position: 'right', formatter: (x) => { const p = products[x.dataIndex]!; return `¥${p.gmv} · ${pct(p.clickRate)} · ${pct(p.payRate)}`; } } }],
        },
      });
    }
  });
  return charts;
}

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

function pct(x: number | null): string {
  return x === null ? '-' : `${(x * 100).toFixed(1)}%`;
}
