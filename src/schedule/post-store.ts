// The posts table: one row per post per channel per stream occurrence. The row's state is the
// truth: `sending` is committed (synchronous=FULL) before a request leaves and `sent` right after
// the answer, so a crash between the two is visible and never silently resent. A video-platform
// send in flight between calls (`again`) stays `sending` with no owner until its next_attempt_ms;
// its progress (what the driver checkpointed) is committed before the step it enables.
import type { PlannedPost } from './plan-posts.ts';
import type { StateDb } from '../store/open-state-db.ts';

export type PostState = 'pending' | 'sending' | 'sent' | 'failed' | 'missed' | 'unknown' | 'cancelled';

/** A stored post: what was planned, and what has happened to it since. */
export interface PostRecord extends Omit<PlannedPost, 'preset' | 'stream'> {
  id: number;
  streamTitle: string;
  streamUrl?: string;
  state: PostState;
  attempts: number;
  nextAttempt?: Date;
  /** When a person last asked for it to be tried again: its grace runs from then. */
  retried?: Date;
  owner?: string;
  sentAt?: string;
  lateSeconds?: number;
  detail?: string;
  /** Video platforms: what the send checkpointed so far (empty when nothing). */
  progress: Record<string, unknown>;
  /** The platform's id and URL of the posted video. */
  remoteId?: string;
  remoteUrl?: string;
  /** Set while the send is in flight between calls: why it is called again at nextAttempt. */
  againReason?: string;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: number; key: string; spec: string; post_index: number; channel: string; occurrence_ms: number; due_ms: number;
  local_time: string; zone: string; text: string; subject: string | null; video: string | null; cover: string | null;
  stream_title: string; stream_url: string | null; state: PostState; attempts: number; next_attempt_ms: number | null;
  retried_ms: number | null; owner: string | null; sent_at: string | null; late_seconds: number | null; detail: string | null; created_at: string; updated_at: string;
  title: string | null; tags: string | null; progress: string | null; remote_id: string | null; remote_url: string | null; again_reason: string | null;
}

export interface ScheduleChanges {
  added: number;
  updated: number;
  unchanged: number;
  cancelled: number;
  /** Already sent, missed or cancelled: left as they are. */
  settled: number;
}

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

const NO_LONGER_IN_SPEC = 'no longer in the spec';

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
    const changes: ScheduleChanges = { added: 0, updated: 0, unchanged: 0, cancelled: 0, settled: 0 };
    const now = new Date().toISOString();
    const find = this.db.prepare('SELECT * FROM posts WHERE key = ?');
    const insert = this.db.prepare(`INSERT INTO posts (key, spec, post_index, channel, occurrence_ms, due_ms, local_time, zone, text, subject, video, cover,
      stream_title, stream_url, title, tags, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`);
    const update = this.db.prepare(`UPDATE posts SET key = ?, spec = ?, post_index = ?, occurrence_ms = ?, due_ms = ?, local_time = ?, zone = ?, text = ?, subject = ?, video = ?, cover = ?,
      stream_title = ?, stream_url = ?, title = ?, tags = ?, updated_at = ? WHERE id = ? AND state = 'pending'`);
    const reactivate = this.db.prepare(`UPDATE posts SET state = 'pending', detail = NULL, attempts = 0, next_attempt_ms = NULL, progress = NULL, key = ?, spec = ?, post_index = ?,
      occurrence_ms = ?, due_ms = ?, local_time = ?, zone = ?, text = ?, subject = ?, video = ?, cover = ?, stream_title = ?, stream_url = ?, title = ?, tags = ?, updated_at = ?
      WHERE id = ? AND state = 'cancelled'`);
    // The same announcement stored under another key (an older promo's key, which depended on the
    // spec's path and the post's place in the list): same channel, stream occurrence, time and video.
    const findTwins = this.db.prepare(`SELECT * FROM posts WHERE channel = ? AND occurrence_ms = ? AND due_ms = ? AND subject IS ? AND state != 'cancelled' ORDER BY id`);
    this.db.transaction(() => {
      const keys = new Set(planned.map((post) => post.key));
      const adopted = new Set<number>();
      for (const post of planned) {
        const fields = [post.postIndex, post.occurrence.getTime(), post.due.getTime(), post.local, post.zone, post.text, post.subject ?? null,
          post.video ?? null, post.cover ?? null, post.stream.title, post.stream.url ?? null, post.title ?? null, post.tags ? JSON.stringify(post.tags) : null] as const;
        const row = (find.get(post.key) as Row | undefined)
          ?? (findTwins.all(post.channel, fields[1], fields[2], fields[6]) as Row[]).find((twin) => !keys.has(twin.key) && !adopted.has(twin.id));
        if (row) adopted.add(row.id);
        if (!row) {
          insert.run(post.key, spec, post.postIndex, post.channel, fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7], fields[8], fields[9], fields[10], fields[11], fields[12], now, now);
          changes.added += 1;
        } else if (options.addOnly) {
          changes.unchanged += 1;
        } else if (row.state === 'cancelled' && row.detail === NO_LONGER_IN_SPEC) {
          // Taken out of the spec earlier, now back: pending again (a person's cancel stays).
          reactivate.run(post.key, spec, ...fields, now, row.id);
          changes.added += 1;
        } else if (row.state !== 'pending') {
          changes.settled += 1;
        } else if (row.key === post.key && row.spec === spec && row.due_ms === fields[2] && row.text === fields[5] && row.video === fields[7]
          && row.post_index === fields[0] && row.title === fields[11] && row.tags === fields[12]) {
          changes.unchanged += 1;
        } else {
          update.run(post.key, spec, ...fields, now, row.id);
          changes.updated += 1;
        }
      }
      if (options.addOnly) return;
      // Posts this spec no longer asks for are cancelled (never deleted: the history stays).
      const pending = this.db.prepare(`SELECT id, key FROM posts WHERE spec = ? AND state = 'pending'`).all(spec) as { id: number; key: string }[];
      const cancel = this.db.prepare(`UPDATE posts SET state = 'cancelled', detail = '${NO_LONGER_IN_SPEC}', updated_at = ? WHERE id = ? AND state = 'pending'`);
      for (const row of pending) {
        if (!keys.has(row.key)) {
          cancel.run(now, row.id);
          changes.cancelled += 1;
        }
      }
    }).immediate();
    return changes;
  }

  /**
   * Pending posts due at or before `nowMs` + `leadMs` (channels that start ahead; publishDue
   * checks each one's own lead) whose retry time has come, and sends in flight whose next call
   * has come; oldest first.
   */
  due(nowMs: number, limit = 50, leadMs = 0): PostRecord[] {
    return (this.dueStatement.all(nowMs + leadMs, nowMs, nowMs, limit) as Row[]).map(toRecord);
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
    return (this.db.prepare(`SELECT * FROM posts WHERE state = 'sending' AND owner IS NOT NULL`).all() as Row[]).map(toRecord).filter((p) => !isAlive(p.owner));
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
      .all(channel, since.toISOString()) as Row[]).map(toRecord);
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
    const row = this.db.prepare('SELECT * FROM posts WHERE id = ?').get(id) as Row | undefined;
    return row && toRecord(row);
  }

  /** Posts by due time (newest schedule last). */
  list(limit = 500): PostRecord[] {
    return (this.db.prepare('SELECT * FROM posts ORDER BY due_ms, id LIMIT ?').all(limit) as Row[]).map(toRecord);
  }

  /** Posts matching every field of `filter`, by due time. */
  find(filter: PostFilter): PostRecord[] {
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
    return (this.db.prepare(sql).all(...values, filter.limit ?? 100_000) as Row[]).map(toRecord);
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

function toRecord(row: Row): PostRecord {
  return {
    id: row.id, key: row.key, spec: row.spec, postIndex: row.post_index, channel: row.channel,
    occurrence: new Date(row.occurrence_ms), due: new Date(row.due_ms), local: row.local_time, zone: row.zone, text: row.text,
    subject: row.subject ?? undefined, video: row.video ?? undefined, cover: row.cover ?? undefined,
    streamTitle: row.stream_title, streamUrl: row.stream_url ?? undefined, state: row.state, attempts: row.attempts,
    nextAttempt: row.next_attempt_ms === null ? undefined : new Date(row.next_attempt_ms),
    retried: row.retried_ms === null ? undefined : new Date(row.retried_ms), owner: row.owner ?? undefined,
    sentAt: row.sent_at ?? undefined, lateSeconds: row.late_seconds ?? undefined, detail: row.detail ?? undefined,
    ...(row.title === null ? {} : { title: row.title }), ...(row.tags === null ? {} : { tags: JSON.parse(row.tags) as string[] }),
    progress: row.progress === null ? {} : (JSON.parse(row.progress) as Record<string, unknown>),
    remoteId: row.remote_id ?? undefined, remoteUrl: row.remote_url ?? undefined, againReason: row.again_reason ?? undefined,
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}
