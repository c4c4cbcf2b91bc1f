// The stream occurrences that have posts, for pages that show a few streams at a time (the
// dashboard's Now page): which there are, without reading every post.
import type { StateDb } from '../store/open-state-db.ts';
import { PostStore } from '../schedule/post-store.ts';

export interface StreamView {
  /** Absolute spec path. */
  spec: string;
  /** ISO start. */
  occurrence: string;
  /** How many posts it has (in any state). */
  posts: number;
}

/** Streams with posts that start after `now`, soonest first; none without a state database. */
export function readStreams(db: StateDb | undefined, now: Date): StreamView[] {
  if (!db) return [];
  return new PostStore(db).streams(now).map((s) => ({ spec: s.spec, occurrence: s.occurrence.toISOString(), posts: s.posts }));
}
