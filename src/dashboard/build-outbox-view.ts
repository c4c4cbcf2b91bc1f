// The Outbox pages' data: each post folder the folder channels wrote ("assisted posting" for
// platforms without an API), joined with its stored post by channel and key, so the page knows
// whether a person has posted it yet and can mark it through markPosted.
import type { OutboxPostView } from '../read/read-outbox.ts';
import type { PostView } from '../read/read-posts.ts';
import { MARKED_POSTED } from '../schedule/mark-posted.ts';
import { pathId } from './path-id.ts';

export interface OutboxEntry {
  /** The post folder's id in URLs (`/outbox/<id>`). */
  id: string;
  folder: OutboxPostView;
  /** The stored post it was written for (undefined: not in this state database). */
  post?: PostView;
  /** A person said it is posted. */
  posted: boolean;
}

/** The outbox posts, those still to post first (by due time), then the posted ones (newest first). */
export function buildOutboxView(folders: readonly OutboxPostView[], posts: readonly PostView[]): OutboxEntry[] {
  const byKey = new Map(posts.map((post) => [`${post.channel}\0${post.key}`, post]));
  const entries = folders.map((folder): OutboxEntry => {
    const post = byKey.get(`${folder.channel}\0${folder.key}`);
    return { id: pathId(folder.folder), folder, post, posted: post?.detail?.startsWith(MARKED_POSTED) === true };
  });
  const due = (entry: OutboxEntry) => entry.folder.due ?? entry.post?.due ?? '';
  return [
    ...entries.filter((entry) => !entry.posted).sort((a, b) => due(a).localeCompare(due(b))),
    ...entries.filter((entry) => entry.posted).sort((a, b) => due(b).localeCompare(due(a))),
  ];
}
