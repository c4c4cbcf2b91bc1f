// The Now page's shape: posts grouped by stream occurrence (spec and start), soonest first, and
// within each by channel, by due time.
import type { PostView } from '../read/read-posts.ts';

export interface StreamGroup {
  key: string;
  title: string;
  /** ISO start. */
  occurrence: string;
  zone: string;
  channels: { channel: string; posts: PostView[] }[];
}

/** Groups posts (by due time) into streams and channels. */
export function groupStreams(posts: readonly PostView[]): StreamGroup[] {
  const streams = new Map<string, StreamGroup & { byChannel: Map<string, PostView[]> }>();
  for (const post of posts) {
    const key = `${post.spec}\u0000${post.occurrence}`;
    let stream = streams.get(key);
    if (!stream) {
      stream = { key, title: post.streamTitle, occurrence: post.occurrence, zone: post.zone, channels: [], byChannel: new Map() };
      streams.set(key, stream);
    }
    let list = stream.byChannel.get(post.channel);
    if (!list) {
      list = [];
      stream.byChannel.set(post.channel, list);
      stream.channels.push({ channel: post.channel, posts: list });
    }
    list.push(post);
  }
  return [...streams.values()]
    .sort((a, b) => a.occurrence.localeCompare(b.occurrence) || a.title.localeCompare(b.title))
    .map(({ byChannel: _byChannel, ...stream }) => stream);
}
