// A posts table row as SQLite returns it, and its turning into a PostRecord (dates, JSON fields,
// NULL as absent).
import type { PostRecord, PostState } from './post-record.ts';

/** A row of the posts table, column by column. */
export interface PostRow {
  id: number; key: string; spec: string; post_index: number; channel: string; occurrence_ms: number; due_ms: number;
  local_time: string; zone: string; text: string; subject: string | null; video: string | null; cover: string | null;
  stream_title: string; stream_url: string | null; state: PostState; attempts: number; next_attempt_ms: number | null;
  retried_ms: number | null; owner: string | null; sent_at: string | null; late_seconds: number | null; detail: string | null; created_at: string; updated_at: string;
  title: string | null; tags: string | null; progress: string | null; remote_id: string | null; remote_url: string | null; again_reason: string | null;
}

/** The PostRecord of a row. */
export function toPostRecord(row: PostRow): PostRecord {
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
