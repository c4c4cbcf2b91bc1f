// One chart as SVG and PNG without a browser or a native canvas: ECharts' server-side SVG
// renderer (its text widths count CJK characters as one em, right for full-width glyphs), then
// resvg with the shipped Noto Sans SC files only, so Chinese labels are drawn with that font
// whatever the machine has installed.
import { Resvg } from '@resvg/resvg-js';
import type * as echarts from 'echarts';
import type { FontSet } from '../graphics/graphics-types.ts';
import { renderChartSvg } from './render-chart-svg.ts';

export interface RenderedChart {
  svg: string;
  png: Buffer;
}

/** Renders an ECharts option at `width`×`height` (PNG at twice that, for phone screens). */
export function renderChart(option: echarts.EChartsOption, fonts: Pick<FontSet, 'family' | 'regular' | 'bold'>, width = 720, height = 400): RenderedChart {
  const svg = renderChartSvg(option, fonts.family, width, height);
  const png = new Resvg(svg, {
    font: { fontFiles: [fonts.regular, fonts.bold], loadSystemFonts: false, defaultFontFamily: fonts.family },
    fitTo: { mode: 'width', value: width * 2 },
  }).render().asPng();
  return { svg, png: Buffer.from(png) };
}
