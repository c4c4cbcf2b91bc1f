// Why an account's best times cannot be measured by the metric asked for, in words a user acts on:
// which metric, which account, what each of its imported exports lacks (no such column, or the
// column's cells empty), and which export of that platform would carry it.
import type { BestTimesMetric } from '../config/config-types.ts';
import type { StateDb } from '../store/open-state-db.ts';
import { BEST_TIMES } from './best-times-constants.ts';
import { BEST_TIMES_METRICS } from './best-times-metrics.ts';
import type { ExportFormat } from './export-format.ts';
import { EXPORT_FORMATS } from './export-formats.ts';

export interface MissingMetric {
  platform: string;
  account: string;
  metric: BestTimesMetric;
  /** Posts that carry it, of `posts` scored. */
  withMetric: number;
  posts: number;
  sinceMs: number;
  /** What is ranked instead. */
  instead: BestTimesMetric;
}

/** The note: `shares (分享量) is missing for douyin/shop: …; ranked by views instead`. */
export function describeMissingMetric(db: StateDb, m: MissingMetric): string {
  const info = BEST_TIMES_METRICS[m.metric];
  const fields = [...info.all, ...(info.some ?? [])];
  const carries = (f: ExportFormat) => info.all.every((field) => f.columns[field]) && (!info.some || info.some.some((field) => f.columns[field]));
  const headers = (f: ExportFormat) => fields.flatMap((field) => f.columns[field]?.slice(0, 1) ?? []).join(', ');
  const rows = db.prepare(`SELECT format, COUNT(*) AS n, COUNT(${info.sql}) AS k FROM insight_posts
    WHERE platform = ? AND account = ? AND time_known = 1 AND (paid IS NULL OR paid = 0) AND published_ms >= ? GROUP BY format ORDER BY COUNT(*) DESC`)
    .all(m.platform, m.account, m.sinceMs) as { format: string; n: number; k: number }[];
  const parts = rows.map(({ format, n, k }) => {
    const f = EXPORT_FORMATS.find((x) => x.id === format);
    const what = `${f?.label ?? format} (${n} post${n === 1 ? '' : 's'})`;
    if (k > 0) return `${what}: ${k} carry it`;
    if (f && !carries(f)) return `${what} has no column for it`;
    return f ? `${what} has its ${headers(f)} column${fields.length > 1 ? 's' : ''} empty` : `${what} has none`;
  });
  const fromSheets = m.withMetric - rows.reduce((s, r) => s + r.k, 0);
  if (m.metric === 'live_entries' && fromSheets > 0) parts.push(`短视频引流 sheets: ${fromSheets} more clip${fromSheets === 1 ? '' : 's'}`);
  const sources = EXPORT_FORMATS.filter((f) => f.platform === m.platform && (carries(f) || (m.metric === 'live_entries' && f.kind === 'referrals')));
  const where = sources.length > 0
    ? `it comes from ${sources.map((f) => `${f.label} (${f.kind === 'referrals' ? f.columns.referrals![0] : headers(f)})`).join(' or ')}`
    : `no export promo reads from ${m.platform} has it`;
  const count = m.withMetric === 0
    ? 'no post carries it'
    : `only ${m.withMetric} of ${m.posts} posts carry it (promo ranks by a metric ${BEST_TIMES.minPosts} posts carry, or ${BEST_TIMES.metricShare * 100}% of them)`;
  return `${m.metric} (${info.zh}) is missing for ${m.platform}/${m.account}: ${count}; ${parts.join('; ')}${parts.length > 0 ? '; ' : ''}${where}; ranked by ${m.instead} instead`;
}
