// The report's charts as ECharts options: best hours per account (titled with the metric they are
// ranked by), stream slots per hour live, viewers sent by lead time (短视频引流), and products by
// sales. Labels in Chinese with the English word beside, numbers as the CLI prints them.
import type { EChartsOption } from 'echarts';
import { BEST_TIMES_METRICS } from './best-times-metrics.ts';
import { formatSlot } from './format-slot.ts';
import { metricLabel } from './metric-label.ts';
import type { AccountBestTimes } from './read-best-times.ts';
import type { StreamInsights } from './read-stream-insights.ts';

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
export function insightsCharts(bestTimes: readonly AccountBestTimes[], streams: readonly StreamInsights[]): ChartSpec[] {
  const charts: ChartSpec[] = [];
  bestTimes.filter((b) => b.slots.length > 0).forEach((b, i) => {
    const slots = [...b.slots].sort((x, y) => (x.weekday ?? 0) - (y.weekday ?? 0) || x.hour - y.hour);
    const by = metricLabel(b);
    const missing = missingLabel(b);
    charts.push({
      name: `best-times-${i + 1}`,
      title: `${b.platform}/${b.account} 最佳发布时段 best times · ${by} (${b.zone})`,
      option: {
        // What the data lacks on a line of its own: beside the rest it ran into the y axis' name.
        title: { text: `${b.platform} 最佳发布时段 · ${by}`, subtext: `${missing ? `${missing}\n` : ''}${methodLabel(b.method)} · ${b.posts} 条作品 posts · 基准=1`, left: 'center' },
        grid: { left: 56, right: 48, top: missing ? 96 : 72, bottom: 48 },
        xAxis: { type: 'category', data: slots.map((s) => formatSlot(s, b.method)), axisLabel: { interval: 0, rotate: slots.length > 12 ? 45 : 0 } },
        yAxis: { type: 'value', name: '相对基准 lift', min: 0 },
        series: [{
          type: 'bar',
          data: slots.map((s) => ({ value: s.lift, itemStyle: { color: s.confident && s.lift > 1 ? RED : GREY } })),
          label: { show: true, position: 'top', formatter: (p) => `${(slots[p.dataIndex]!.lift).toFixed(2)}×${b.method === 'follower-activity' ? '' : `\n${slots[p.dataIndex]!.posts}条`}` },
          markLine: { silent: true, symbol: 'none', data: [{ yAxis: 1 }], lineStyle: { color: '#333', type: 'dashed' }, label: { formatter: '基准' } },
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
          title: { text: '开播时段与时长（每小时）', subtext: `${s.streams} 场直播 streams`, left: 'center' },
          legend: { bottom: 0, data: ['观看人数/小时 viewers/h', '成交金额/小时 sales/h'] },
          grid: { left: 64, right: 64, top: 72, bottom: 56 },
          xAxis: { type: 'category', data: slots.map((x) => (typeof x.slot === 'number' ? `${String(x.slot).padStart(2, '0')}:00 开播` : `时长 ${x.slot}`)) },
          yAxis: [{ type: 'value', name: '人' }, { type: 'value', name: '¥' }],
          series: [
            { name: '观看人数/小时 viewers/h', type: 'bar', data: slots.map((x) => x.viewersPerHour), itemStyle: { color: '#1a73e8' }, label: { show: true, position: 'top' } },
            { name: '成交金额/小时 sales/h', type: 'bar', yAxisIndex: 1, data: slots.map((x) => x.gmvPerHour), itemStyle: { color: RED }, label: { show: true, position: 'top' } },
          ],
        },
      });
    }
    if (s.byLead.length > 0) {
      charts.push({
        name: `lead-times-${i + 1}`,
        title: `${s.platform}/${s.account} 短视频引流 lead time`,
        option: {
          title: { text: '短视频引流：提前多久发布', subtext: `最佳 best: ${s.bestLead}`, left: 'center' },
          grid: { left: 64, right: 24, top: 72, bottom: 40 },
          xAxis: { type: 'category', data: s.byLead.map((l) => `${l.lead}（${l.clips} 条）`) },
          yAxis: { type: 'value', name: '每条引流人次' },
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
          title: { text: '商品成交金额 sales', subtext: '¥ 成交金额 · 点击率 click rate · 转化率 pay rate', left: 'center' },
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

/** After a fallback: `数据缺收藏量，改按播放量 no saves in the data, ranked by views`. */
function missingLabel(b: AccountBestTimes): string {
  if (b.metric === b.requested || b.method === 'follower-activity') return '';
  const [asked, used] = [BEST_TIMES_METRICS[b.requested], BEST_TIMES_METRICS[b.metric]];
  return `数据缺${asked.zh}，改按${used.zh} no ${asked.en} in the data, ranked by ${used.en}`;
}

function methodLabel(method: AccountBestTimes['method']): string {
  return { 'hour-of-week': '按一周中的小时 hour of week', 'hour-of-day': '按小时 hour of day', '3-hour-block': '按3小时段 3-hour blocks', 'follower-activity': '粉丝活跃 follower activity', none: '数据不足 not enough data' }[method];
}

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

function pct(x: number | null): string {
  return x === null ? '-' : `${(x * 100).toFixed(1)}%`;
}
