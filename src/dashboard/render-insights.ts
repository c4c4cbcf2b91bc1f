// The Insights page's markup: what `promo insights report` shows (each account's best-times note
// and ranked slots, the report's charts inline as SVG, the 引流 clips and the products), or how to
// import when nothing is, as one live region: an `insights` event (an import by any process)
// fetches it again. Every title and product name goes through `html` (or ECharts' own escaping);
// every word around them comes from the zh/en tables (insights-messages.ts).
import { FONT_FAMILY } from '../graphics/prepare-fonts.ts';
import { insightsCharts } from '../insights/insights-charts.ts';
import { renderChartSvg } from '../insights/render-chart-svg.ts';
import type { InsightsView } from '../read/read-insights.ts';
import { chartCaption } from './chart-caption.ts';
import { chartWordsOf } from './chart-words-of.ts';
import type { Translate } from './dashboard-types.ts';
import { describeBestTimes } from './describe-best-times.ts';
import { html } from './html.ts';
import { inlineChartSvg } from './inline-chart-svg.ts';
import type { SafeHtml } from './safe-html.ts';
import { slotLabel } from './slot-label.ts';

// The charts change only when an import does: the last answers' charts are kept (drawing a week of
// hourly bars for a few accounts takes 100+ ms; the page is opened far more often than imported to).
// Kept per language: the charts' words are the page's (chartWordsOf).
const drawn = new Map<string, { key: string; charts: { caption: string; svg: SafeHtml }[] }>();

function chartsOf(view: InsightsView, t: Translate): SafeHtml {
  const key = JSON.stringify(view);
  // Translate carries no language code; the page title's text tells zh from en.
  const lang = t('insights.title');
  let kept = drawn.get(lang);
  if (kept?.key !== key) {
    kept = {
      key,
      charts: insightsCharts(view.bestTimes, view.streams, chartWordsOf(t)).map((chart) => {
        const caption = chartCaption(chart, view, t);
        return { caption, svg: inlineChartSvg(renderChartSvg(chart.option, FONT_FAMILY, 720, chart.height ?? 400), caption) };
      }),
    };
    drawn.set(lang, kept);
  }
  return html`${kept.charts.map((chart) => html`<figure class="chart-box">${chart.svg}<figcaption>${chart.caption}<span class="swipe-hint"> · ${t('insights.swipe')}</span></figcaption></figure>`)}`;
}

/** The Insights body: one live region (/parts/insights, event `insights`). */
export function renderInsights(view: InsightsView, t: Translate): SafeHtml {
  return html`<div id="insights" data-live="insights" data-src="/parts/insights">${renderAnswers(view, t)}</div>`;
}

function renderAnswers(view: InsightsView, t: Translate): SafeHtml {
  const { bestTimes, streams } = view;
  if (bestTimes.length === 0 && streams.length === 0) {
    return html`<section class="stream insights-empty"><p class="empty">${t('insights.empty')}</p>
<pre><code>promo insights import &lt;file&gt;</code></pre><p class="muted">${t('insights.emptyMore')}</p></section>`;
  }
  const lead = (code: string) => t(`insights.lead.${code}`);
  const charts = chartsOf(view, t);
  const clips = streams.flatMap((s) => s.clips.map((c) => ({ platform: s.platform, ...c })));
  const products = streams.flatMap((s) => s.products.map((p) => ({ platform: s.platform, ...p })));
  return html`<section class="stream"><h2>${t('insights.bestTimes')}</h2>
${bestTimes.map((b) => html`<h3>${b.platform}/${b.account} <span class="muted">${b.zone}</span></h3><p>${describeBestTimes(b, t)}</p>
${b.slots.length > 0 ? html`<div class="table-scroll"><table class="insights"><tr><th>${t('insights.slot')}</th><th>${t('insights.lift')}</th><th>${t('insights.posts')}</th><th></th></tr>
${b.slots.slice(0, 8).map((s) => html`<tr><td>${slotLabel(s, b.method, t)}</td><td>${s.lift.toFixed(2)}×</td><td>${s.posts}</td><td>${s.confident ? t(s.lift > 1 ? 'insights.better' : 'insights.worse') : ''}</td></tr>`)}</table></div>` : ''}`)}
</section>
${charts.text ? html`<section class="stream"><h2>${t('insights.charts')}</h2>
${charts}
</section>` : ''}
${clips.length > 0 ? html`<section class="stream"><h2>${t('insights.drove')}</h2>
${streams.filter((s) => s.bestLead).map((s) => html`<p>${s.platform}/${s.account}: ${t('insights.bestLead', { lead: lead(s.bestLead!) })}</p>`)}
<div class="table-scroll"><table class="insights"><tr><th>${t('insights.platform')}</th><th>${t('insights.clip')}</th><th>${t('insights.lead')}</th><th>${t('insights.referrals')}</th><th>${t('insights.impressions')}</th></tr>
${clips.map((c) => html`<tr><td>${c.platform}</td><td>${c.title}</td><td>${lead(c.lead)}</td><td>${c.referrals ?? '-'}</td><td>${c.entryImpressions ?? '-'}</td></tr>`)}</table></div>
</section>` : ''}
${products.length > 0 ? html`<section class="stream"><h2>${t('insights.products')}</h2>
<div class="table-scroll"><table class="insights"><tr><th>${t('insights.platform')}</th><th>${t('insights.product')}</th><th>${t('insights.streams')}</th><th>${t('insights.gmv')}</th><th>${t('insights.units')}</th></tr>
${products.map((p) => html`<tr><td>${p.platform}</td><td>${p.name}</td><td>${p.streams}</td><td>${p.gmv}</td><td>${p.units}</td></tr>`)}</table></div>
</section>` : ''}`;
}
