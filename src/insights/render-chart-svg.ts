// One chart as an SVG string with ECharts' server-side SVG renderer (no browser, no canvas): the
// part of renderChart the dashboard needs, where a PNG would be thrown away.
import * as echarts from 'echarts';

/** Renders an ECharts option at `width`×`height` as SVG, text in `fontFamily`. */
export function renderChartSvg(option: echarts.EChartsOption, fontFamily: string, width = 720, height = 400): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
