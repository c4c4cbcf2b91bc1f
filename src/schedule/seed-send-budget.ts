// A channel's rate budget filled in from the state database's record of its recent sends, so
// a fresh daemon or `--once` run starts where the last one left the service's limit.
import type { Channel } from '../publish/channel-types.ts';
import type { PostStore } from './post-store.ts';

/**
 * Counts the channel's recent sends (from the state database, real time) against its rate
 * budget, so a daemon that just started, or the next `--once` run, does not burst past the
 * service's limit right after another run used it up.
 */
export function seedSendBudget(channel: Channel, store: PostStore, name: string, now: Date): void {
  const longest = Math.max(0, ...channel.budget.windows.map((window) => window.seconds * 1000));
  if (longest === 0) return; // no rate limit (folder, webhook)
  for (const post of store.sentSince(name, new Date(now.getTime() - longest - 5_000))) {
    channel.budget.record(channel.messagesFor(post), Date.parse(post.sentAt!));
  }
}
