// Which stored posts to read, as a filter and as the one SELECT it becomes (bound values only:
// nothing of the filter is written into the SQL text).
import type { PostState } from './post-record.ts';

/** Which stored posts to read. */
export interface PostFilter {
  /** Absolute spec path. */
  spec?: string;
  states?: readonly PostState[];
  /** Only posts of stream occurrences that start after this. */
  streamsAfter?: Date;
  /** Only posts of stream occurrences that start at or before this. */
  streamsUntil?: Date;
  /** Only posts changed at or after this ISO time (updated_at). */
  changedSince?: string;
  /** Only these posts. */
  ids?: readonly number[];
  limit?: number;
}

/** The SELECT of the posts matching every field of `filter`, by due time, and its values. */
export function postFilterQuery(filter: PostFilter): { sql: string; values: (string | number)[] } {
  const where: string[] = [];
  const values: (string | number)[] = [];
  if (filter.spec !== undefined) {
    where.push('spec = ?');
    values.push(filter.spec);
  }
  if (filter.states && filter.states.length > 0) {
    where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
    values.push(...filter.states);
  }
  if (filter.streamsAfter) {
    where.push('occurrence_ms > ?');
    values.push(filter.streamsAfter.getTime());
  }
  if (filter.streamsUntil) {
    where.push('occurrence_ms <= ?');
    values.push(filter.streamsUntil.getTime());
  }
  if (filter.changedSince !== undefined) {
    where.push('updated_at >= ?');
    values.push(filter.changedSince);
  }
  if (filter.ids) {
    where.push(`id IN (${filter.ids.map(() => '?').join(', ') || 'NULL'})`);
    values.push(...filter.ids);
  }
  const sql = `SELECT * FROM posts ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY due_ms, id LIMIT ?`;
  return { sql, values: [...values, filter.limit ?? 100_000] };
}
