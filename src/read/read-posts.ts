// Stored posts as plain JSON-able data for the CLI and the dashboard: every time an ISO string.
import type { StateDb } from '../store/open-state-db.ts';
import { PostStore } from '../schedule/post-store.ts';
import type { PostRecord, PostState } from '../schedule/post-record.ts';

/** A stored post with its times as ISO strings (the shape of `promo posts --json`). */
export interface PostView extends Omit<PostRecord, 'occurrence' | 'due' | 'nextAttempt' | 'retried' | 'progress'> {
  /** The stream start it announces. */
  occurrence: string;
  due: string;
  /** When a pending post that failed is tried again. */
  nextAttempt?: string;
  /** When a person last asked for it to be tried again. */
  retried?: string;
}

export interface ReadPostsFilter {
  /** Absolute spec path. */
  spec?: string;
  states?: readonly PostState[];
  /** Only posts of streams that have not started by `now` (in any state). */
  upcoming?: boolean;
  /** The clock `upcoming` is judged by (default: now). */
  now?: Date;
  /** Only posts of streams that start at or before this (ISO). */
  streamsUntil?: string;
  /** Only posts changed at or after this ISO time (their updatedAt). */
  changedSince?: string;
  /** Only these posts. */
  ids?: readonly number[];
  /** At most this many, by due time (default 100 000). */
  limit?: number;
}

/** Stored posts matching `filter`, by due time; none when there is no state database yet. */
export function readPosts(db: StateDb | undefined, filter: ReadPostsFilter = {}): PostView[] {
  if (!db) return [];
  const posts = new PostStore(db).find({
    spec: filter.spec,
    states: filter.states,
    streamsAfter: filter.upcoming ? (filter.now ?? new Date()) : undefined,
    streamsUntil: filter.streamsUntil === undefined ? undefined : new Date(filter.streamsUntil),
    changedSince: filter.changedSince,
    ids: filter.ids,
    limit: filter.limit,
  });
  return posts.map(toPostView);
}

function toPostView(post: PostRecord): PostView {
  // What a send checkpointed (upload session URLs, publish ids) is the driver's business, not output.
  const { progress: _progress, ...shown } = post;
  return {
    ...shown,
    occurrence: post.occurrence.toISOString(),
    due: post.due.toISOString(),
    nextAttempt: post.nextAttempt?.toISOString(),
    retried: post.retried?.toISOString(),
  };
}
