// `promo insights report`: report.html with every chart as SVG (inline-able, sharp at any size)
// and PNG (for WeChat, Feishu and DingTalk), the notes behind each answer, and the clip and product
// tables. Every user text (titles, product names) is escaped; each file is written atomically.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { escapePangoMarkup as escape } from '../graphics/escape-pango-markup.ts';
import type { FontSet } from '../graphics/graphics-types.ts';
import { writeAtomic } from '../util/write-atomic.ts';
import { insightsCharts } from './insights-charts.ts';
import { metricLabel } from './metric-label.ts';
import type { AccountBestTimes } from './read-best-times.ts';
import type { StreamInsights } from './read-stream-insights.ts';
import { renderChart } from './render-chart.ts';

export interface InsightsReport {
  html: string;
  charts: { svg: string; png: string }[];
}

/** Writes the report into `out`; returns the files written. */
export async function writeInsightsReport(out: string, answers: { bestTimes: AccountBestTimes[]; streams: StreamInsights[]; generatedAt: Date }, fonts: Pick<FontSet, 'family' | 'regular' | 'bold'>): Promise<InsightsReport> {
  await mkdir(join(out, 'charts'), { recursive: true });
  const charts: InsightsReport['charts'] = [];
  const sections: string[] = [];
  for (const chart of insightsCharts(answers.bestTimes, answers.streams)) {
    const { svg, png } = renderChart(chart.option, fonts, 720, chart.height ?? 400);
    const files = { svg: join(out, 'charts', `${chart.name}.svg`), png: join(out, 'charts', `${chart.name}.png`) };
    await writeAtomic(files.svg, svg);
    await writeAtomic(files.png, png);
    charts.push(files);
    sections.push(`<figure><img src="charts/${chart.name}.svg" alt="${escape(chart.title)}" width="720"><figcaption>${escape(chart.title)} · <a href="charts/${chart.name}.png">PNG</a></figcaption></figure>`);
  }
  const notes = answers.bestTimes.map((b) => `<li><b>${escape(`${b.platform}/${b.account}`)}</b> (${escape(metricLabel(b))}): ${escape(b.note)}</li>`).join('');
  const clipRows = answers.streams.flatMap((s) => s.clips.map((c) => `<tr><td>${escape(s.platform)}</td><td>${escape(c.title)}</td><td>${escape(c.lead)}</td><td>${c.referrals ?? '-'}</td><td>${c.entryImpressions ?? '-'}</td></tr>`)).join('');
  const productRows = answers.streams.flatMap((s) => s.products.map((p) => `<tr><td>${escape(s.platform)}</td><td>${escape(p.name)}</td><td>${p.streams}</td><td>${p.gmv}</td><td>${p.units}</td></tr>`)).join('');
  const html = `<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>promo insights 数据复盘</title>
<style>body{font-family:"Noto Sans SC",system-ui,sans-serif;max-width:760px;margin:0 auto;padding:16px;color:#222}img{max-width:100%;height:auto;border:1px solid #eee}figure{margin:16px 0}table{border-collapse:collapse;width:100%;font-size:14px}td,th{border-bottom:1px solid #eee;padding:4px 6px;text-align:left}</style>
</head><body>
<h1>数据复盘 Insights</h1>
<p>生成于 generated ${escape(answers.generatedAt.toISOString().replace('T', ' ').slice(0, 16))} UTC</p>
<h2>最佳发布时段 Best times to post</h2><ul>${notes || '<li>还没有导入数据 nothing imported yet</li>'}</ul>
${sections.join('\n')}
${clipRows ? `<h2>短视频引流 What drove the stream</h2><table><tr><th>平台</th><th>短视频</th><th>提前</th><th>引流人次</th><th>入口曝光</th></tr>${clipRows}</table>` : ''}
${productRows ? `<h2>商品 Products</h2><table><tr><th>平台</th><th>商品</th><th>场次</th><th>成交金额</th><th>件数</th></tr>${productRows}</table>` : ''}
</body></html>
`;
  const htmlFile = join(out, 'report.html');
  await writeAtomic(htmlFile, html);
  return { html: htmlFile, charts };
}
