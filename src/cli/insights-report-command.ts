// `promo insights report --out <dir>`: the answers of `promo insights` as an HTML report with its
// charts as SVG and PNG, Chinese labels drawn with the shipped Noto Sans SC.
import { relative } from 'node:path';
import { resolve } from 'node:path';
import { prepareFonts } from '../graphics/prepare-fonts.ts';
import { writeInsightsReport } from '../insights/write-insights-report.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT } from './exit-codes.ts';
import { readAnswers } from './insights-commands.ts';

/** Writes report.html and charts/*.svg|png into `--out`. */
export async function insightsReportCommand(io: CliIo, options: { config?: string; platform?: string; account?: string; since?: string; out: string }): Promise<number> {
  const { bestTimes, streams } = await readAnswers(options);
  const fonts = await prepareFonts();
  const report = await writeInsightsReport(resolve(options.out), { bestTimes, streams, generatedAt: new Date() }, fonts);
  io.stdout.write(`${relative(process.cwd(), report.html) || report.html}: ${report.charts.length} chart${report.charts.length === 1 ? '' : 's'} (SVG and PNG in ${relative(process.cwd(), resolve(options.out, 'charts')) || 'charts'})\n`);
  return EXIT.ok;
}
