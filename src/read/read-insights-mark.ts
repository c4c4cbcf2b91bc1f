// What changes when `promo insights import` runs (in any process): every import adds a row to
// insight_imports, so its last id says whether the Insights answers may have changed, without
// reading them (ranking best times for a big history takes far longer than this one query).
import type { StateDb } from '../store/open-state-db.ts';

/** The last import's id and how many there were ('' with no state database). */
export function readInsightsMark(db: StateDb | undefined): string {
  if (!db) return '';
  const row = db.prepare('SELECT COALESCE(MAX(id), 0) AS last, COUNT(*) AS n FROM insight_imports').get() as { last: number; n: number };
  return `${row.last}:${row.n}`;
}
