// An ECharts server-side SVG made fit to sit inline in a dashboard page under its strict CSP:
// style attributes (forbidden there) become the SVG presentation attributes they stand for, the
// hover <style> block (decoration, and blocked too) is dropped, and the root scales with the page.
// ECharts escapes every text it draws (product names, titles), so the markup is taken as it is.
import { html } from './html.ts';
import { SafeHtml } from './safe-html.ts';

// The only properties ECharts writes in style="…" on SVG text; each is a presentation attribute.
const PRESENTATION = new Set(['font-size', 'font-family', 'font-weight', 'font-style']);

/** The chart's SVG as inline markup labelled `label`. */
export function inlineChartSvg(svg: string, label: string): SafeHtml {
  const body = svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_, style: string) => style.split(';').map((rule) => {
      const colon = rule.indexOf(':');
      const name = rule.slice(0, colon).trim();
      return colon > 0 && PRESENTATION.has(name) ? html` ${name}="${rule.slice(colon + 1).trim()}"`.text : '';
    }).join(''))
    .replace(/^<svg /, html`<svg class="chart" role="img" aria-label="${label}" `.text);
  return SafeHtml.raw(body);
}
