// The table `promo render` ends with: one row per job.
import type { JobSummary } from '../render/render-batch.ts';

/** Formats job summaries as an aligned text table. */
export function formatSummaryTable(jobs: readonly JobSummary[]): string {
  const rows = [['job', 'status', 'presets', 'video', 'took', 'note']];
  for (const job of jobs) {
    rows.push([
      job.name,
      job.status,
      job.presets.join(',') || '-',
      job.duration === undefined ? '-' : `${job.duration.toFixed(1)} s`,
      job.seconds === undefined ? '-' : `${job.seconds.toFixed(1)} s`,
      job.error ? job.error.code : job.status === 'cached' ? 'unchanged' : '',
    ]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => displayWidth(r[c]!))));
  const line = (row: string[]) => row.map((cell, c) => cell + ' '.repeat(widths[c]! - displayWidth(cell))).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Terminal width of a string: CJK characters take two columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(char) ? 2 : 1;
  return width;
}
