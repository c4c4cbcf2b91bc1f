// The posts table: one row per post per channel per stream occurrence. The row's state is the
// truth: `sending` is committed (synchronous=FULL) before a request leaves and `sent` right after
// the answer, so a crash between the two is visible and never silently resent. A video-platform
// send in flight between calls (`again`) stays `sending` with no owner until its next_attempt_ms;
// its progress (what the driver checkpointed) is committed before the step it enables.
import type { PlannedPost } from './plan-posts.ts';
import type { StateDb } from '../store/open-state-db.ts';
import { postFilterQuery, type PostFilter } from './post-filter.ts';
import type { PostRecord, PostState } from './post-record.ts';
import { toPostRecord, type PostRow } from './post-row.ts';
import { storePlannedPosts, type ScheduleChanges } from './store-planned-posts.ts';

export class PostStore {
  // The tick runs these every few seconds: prepared once, not on every call.
  private readonly dueStatement;

  constructor(private readonly db: StateDb) {
    this.dueStatement = db.prepare(`SELECT * FROM posts WHERE (state = 'pending' AND due_ms <= ? AND (next_attempt_ms IS NULL OR next_attempt_ms <= ?))
      OR (state = 'sending' AND owner IS NULL AND next_attempt_ms <= ?)
      ORDER BY due_ms, id LIMIT ?`);
  }

  /** Stores a spec's planned posts: new ones pending, pending ones updated, dropped ones cancelled. */
  schedule(spec: string, planned: readonly PlannedPost[], options: { addOnly?: boolean } = {}): ScheduleChanges {
    return storePlannedPosts(this.db, spec, planned, options);
  }

  /**
   * Pending posts due at or before `nowMs` + `leadMs` (channels that start ahead; publishDue
   * checks each one's own lead) whose retry time has come, and sends in flight whose next call
   * has come; oldest first.
   */
  due(nowMs: number, limit = 50, leadMs = 0): PostRecord[] {
    return (this.dueStatement.all(nowMs + leadMs, nowMs, nowMs, limit) as PostRow[]).map(toPostRecord);
  }

  /** The earliest time anything pending becomes due (for logs and tests). */
  nextDue(): Date | undefined {
    const row = this.db.prepare(`SELECT MIN(MAX(due_ms, COALESCE(next_attempt_ms, 0))) AS t FROM posts WHERE state = 'pending'
      OR (state = 'sending' AND owner IS NULL AND next_attempt_ms IS NOT NULL)`).get() as { t: number | null };
    return row.t === null ? undefined : new Date(row.t);
  }

  /**
   * pending (or in flight without an owner) → sending by `owner`, committed before the request
   * leaves. False when someone else changed it. A call of a send in flight is not a new attempt.
   */
  markSending(id: number, owner: string): boolean {
    return this.db.prepare(`UPDATE posts SET attempts = attempts + (state = 'pending'), state = 'sending', owner = ?, updated_at = ?
      WHERE id = ? AND (state = 'pending' OR (state = 'sending' AND owner IS NULL))`)
      .run(owner, new Date().toISOString(), id).changes === 1;
  }

  /** Sent, with the platform's id and URL of the video where it gives them (progress is done with). */
  markSent(id: number, sentAt: string, lateSeconds: number, detail: string, remote: { id?: string; url?: string } = {}): void {
    this.db.prepare(`UPDATE posts SET state = 'sent', owner = NULL, sent_at = ?, late_seconds = ?, detail = ?, next_attempt_ms = NULL, again_reason = NULL,
      progress = NULL, remote_id = COALESCE(?, remote_id), remote_url = COALESCE(?, remote_url), updated_at = ? WHERE id = ?`)
      .run(sentAt, lateSeconds, detail, remote.id ?? null, remote.url ?? null, new Date().toISOString(), id);
  }

  /**
   * A person says the post is out (they checked the channel, or posted it from the outbox): sent,
   * with `detail`, if it is still as `expected` (state and updatedAt; false: changed meanwhile).
   */
  markPostedByPerson(id: number, expected: { state: PostState; updatedAt: string }, at: string, detail: string, url?: string): boolean {
    return this.db.prepare(`UPDATE posts SET state = 'sent', owner = NULL, sent_at = COALESCE(sent_at, ?), detail = ?, next_attempt_ms = NULL, again_reason = NULL,
      progress = NULL, remote_url = COALESCE(?, remote_url), updated_at = ? WHERE id = ? AND state = ? AND updated_at = ?`)
      .run(at, detail, url ?? null, new Date().toISOString(), id, expected.state, expected.updatedAt).changes === 1;
  }

  /** Saves what a send checkpointed, durably (synchronous=FULL), before the step it enables. */
  saveProgress(id: number, progress: Record<string, unknown>): void {
    this.db.prepare('UPDATE posts SET progress = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(progress), new Date().toISOString(), id);
  }

  /** The send is in flight and is called again at `at` (by any later tick or daemon): `sending`, no owner. */
  continueLater(id: number, at: Date, reason: string, remote: { id?: string; url?: string } = {}): void {
    this.db.prepare(`UPDATE posts SET state = 'sending', owner = NULL, next_attempt_ms = ?, again_reason = ?, detail = ?,
      remote_id = COALESCE(?, remote_id), remote_url = COALESCE(?, remote_url), updated_at = ? WHERE id = ?`)
      .run(at.getTime(), reason, reason, remote.id ?? null, remote.url ?? null, new Date().toISOString(), id);
  }

  /** Back to pending, to be tried again at `next`. */
  retryLater(id: number, next: Date, detail: string): void {
    this.db.prepare(`UPDATE posts SET state = 'pending', owner = NULL, next_attempt_ms = ?, detail = ?, again_reason = NULL, updated_at = ? WHERE id = ?`)
      .run(next.getTime(), detail, new Date().toISOString(), id);
  }

  /** Ends a post as failed, missed or unknown, with why. */
  settle(id: number, state: 'failed' | 'missed' | 'unknown', detail: string): void {
    this.db.prepare(`UPDATE posts SET state = ?, owner = NULL, next_attempt_ms = NULL, detail = ?, again_reason = NULL, updated_at = ? WHERE id = ?`)
      .run(state, detail, new Date().toISOString(), id);
  }

  /** Posts left `sending` by a process that is gone. */
  abandonedSending(isAlive: (owner: string | undefined) => boolean): PostRecord[] {
    // Without an owner a `sending` post is in flight between calls (continueLater), not abandoned.
    return (this.db.prepare(`SELECT * FROM posts WHERE state = 'sending' AND owner IS NOT NULL`).all() as PostRow[]).map(toPostRecord).filter((p) => !isAlive(p.owner));
  }

  /** A person's retry: failed, unknown or missed → pending now. */
  retry(id: number, now: Date): PostRecord | undefined {
    this.db.prepare(`UPDATE posts SET state = 'pending', owner = NULL, next_attempt_ms = NULL, retried_ms = ?, detail = 'retry requested', updated_at = ?
      WHERE id = ? AND state IN ('failed', 'unknown', 'missed')`)
      .run(now.getTime(), new Date().toISOString(), id);
    return this.get(id);
  }

  /** Cancels posts that have not gone out (pending, failed, unknown); returns how many. */
  cancel(where: { id: number } | { spec: string }): number {
    const now = new Date().toISOString();
    const states = `state IN ('pending', 'failed', 'unknown')`;
    return 'id' in where
      ? this.db.prepare(`UPDATE posts SET state = 'cancelled', owner = NULL, detail = 'cancelled by a person', updated_at = ? WHERE id = ? AND ${states}`).run(now, where.id).changes
      : this.db.prepare(`UPDATE posts SET state = 'cancelled', owner = NULL, detail = 'cancelled by a person', updated_at = ? WHERE spec = ? AND ${states}`).run(now, where.spec).changes;
  }

  /** Posts sent on `channel` at or after `since` (real time), oldest first. */
  sentSince(channel: string, since: Date): PostRecord[] {
    return (this.db.prepare(`SELECT * FROM posts WHERE channel = ? AND state = 'sent' AND sent_at >= ? ORDER BY sent_at`)
      .all(channel, since.toISOString()) as PostRow[]).map(toPostRecord);
  }

  /** Whether the daemon keeps scheduling this spec's recurring stream ahead. */
  setRecurring(spec: string, active: boolean): void {
    this.db.prepare(`INSERT INTO recurring (spec, active, updated_at) VALUES (?, ?, ?)
      ON CONFLICT(spec) DO UPDATE SET active = excluded.active, updated_at = excluded.updated_at`).run(spec, active ? 1 : 0, new Date().toISOString());
  }

  /** Specs whose recurring stream the daemon schedules ahead. */
  recurringSpecs(): string[] {
    return (this.db.prepare('SELECT spec FROM recurring WHERE active = 1 ORDER BY spec').all() as { spec: string }[]).map((row) => row.spec);
  }

  get(id: number): PostRecord | undefined {
    const row = this.db.prepare('SELECT * FROM posts WHERE id = ?').get(id) as PostRow | undefined;
    return row && toPostRecord(row);
  }

  /** Posts by due time (newest schedule last). */
  list(limit = 500): PostRecord[] {
    return (this.db.prepare('SELECT * FROM posts ORDER BY due_ms, id LIMIT ?').all(limit) as PostRow[]).map(toPostRecord);
  }

  /** Posts matching every field of `filter`, by due time. */
  find(filter: PostFilter): PostRecord[] {
    const { sql, values } = postFilterQuery(filter);
    return (this.db.prepare(sql).all(...values) as PostRow[]).map(toPostRecord);
  }

  /** The stream occurrences (spec and start) with posts that start after `after`, soonest first. */
  streams(after: Date): { spec: string; occurrence: Date; posts: number }[] {
    return (this.db.prepare(`SELECT spec, occurrence_ms, COUNT(*) AS posts FROM posts WHERE occurrence_ms > ? GROUP BY spec, occurrence_ms ORDER BY occurrence_ms, spec`)
      .all(after.getTime()) as { spec: string; occurrence_ms: number; posts: number }[]).map((row) => ({ spec: row.spec, occurrence: new Date(row.occurrence_ms), posts: row.posts }));
  }

  /** Every video a stored post carries (to find the output folders they came from). */
  videos(): string[] {
    return (this.db.prepare('SELECT DISTINCT video FROM posts WHERE video IS NOT NULL ORDER BY video').all() as { video: string }[]).map((row) => row.video);
  }
}
