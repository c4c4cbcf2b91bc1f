// Storing a spec's planned posts in one transaction: new ones pending, pending ones updated, posts
// stored under an older key adopted, posts the spec dropped cancelled (never deleted: the history
// stays), a post back in the spec after being dropped pending again; a person's cancel stays.
import type { StateDb } from '../store/open-state-db.ts';
import type { PlannedPost } from './plan-posts.ts';
import type { PostRow } from './post-row.ts';

export interface ScheduleChanges {
  added: number;
  updated: number;
  unchanged: number;
  cancelled: number;
  /** Already sent, missed or cancelled: left as they are. */
  settled: number;
}

const NO_LONGER_IN_SPEC = 'no longer in the spec';

/** Stores a spec's planned posts: new ones pending, pending ones updated, dropped ones cancelled. */
export function storePlannedPosts(db: StateDb, spec: string, planned: readonly PlannedPost[], options: { addOnly?: boolean } = {}): ScheduleChanges {
  const changes: ScheduleChanges = { added: 0, updated: 0, unchanged: 0, cancelled: 0, settled: 0 };
  const now = new Date().toISOString();
  const find = db.prepare('SELECT * FROM posts WHERE key = ?');
  const insert = db.prepare(`INSERT INTO posts (key, spec, post_index, channel, occurrence_ms, due_ms, local_time, zone, text, subject, video, cover,
    stream_title, stream_url, title, tags, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`);
  const update = db.prepare(`UPDATE posts SET key = ?, spec = ?, post_index = ?, occurrence_ms = ?, due_ms = ?, local_time = ?, zone = ?, text = ?, subject = ?, video = ?, cover = ?,
    stream_title = ?, stream_url = ?, title = ?, tags = ?, updated_at = ? WHERE id = ? AND state = 'pending'`);
  const reactivate = db.prepare(`UPDATE posts SET state = 'pending', detail = NULL, attempts = 0, next_attempt_ms = NULL, progress = NULL, key = ?, spec = ?, post_index = ?,
    occurrence_ms = ?, due_ms = ?, local_time = ?, zone = ?, text = ?, subject = ?, video = ?, cover = ?, stream_title = ?, stream_url = ?, title = ?, tags = ?, updated_at = ?
    WHERE id = ? AND state = 'cancelled'`);
  // The same announcement stored under another key (an older promo's key, which depended on the
  // spec's path and the post's place in the list): same channel, stream occurrence, time and video.
  const findTwins = db.prepare(`SELECT * FROM posts WHERE channel = ? AND occurrence_ms = ? AND due_ms = ? AND subject IS ? AND state != 'cancelled' ORDER BY id`);
  db.transaction(() => {
    const keys = new Set(planned.map((post) => post.key));
    const adopted = new Set<number>();
    for (const post of planned) {
      const fields = [post.postIndex, post.occurrence.getTime(), post.due.getTime(), post.local, post.zone, post.text, post.subject ?? null,
        post.video ?? null, post.cover ?? null, post.stream.title, post.stream.url ?? null, post.title ?? null, post.tags ? JSON.stringify(post.tags) : null] as const;
      const row = (find.get(post.key) as PostRow | undefined)
        ?? (findTwins.all(post.channel, fields[1], fields[2], fields[6]) as PostRow[]).find((twin) => !keys.has(twin.key) && !adopted.has(twin.id));
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
    const pending = db.prepare(`SELECT id, key FROM posts WHERE spec = ? AND state = 'pending'`).all(spec) as { id: number; key: string }[];
    const cancel = db.prepare(`UPDATE posts SET state = 'cancelled', detail = '${NO_LONGER_IN_SPEC}', updated_at = ? WHERE id = ? AND state = 'pending'`);
    for (const row of pending) {
      if (!keys.has(row.key)) {
        cancel.run(now, row.id);
        changes.cancelled += 1;
      }
    }
  }).immediate();
  return changes;
}
