// The table `promo render` ends with: one row per job.
import type { JobSummary } from '../render/render-batch-types.ts';
import { displayWidth, padDisplay } from '../util/display-width.ts';

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
  const line = (row: string[]) => row.map((cell, c) => padDisplay(cell, widths[c]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
