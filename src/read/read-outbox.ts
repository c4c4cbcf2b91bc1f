// The posts waiting in the outbox folders (`type: folder` channels, "assisted posting" for
// platforms without an API): each complete post folder the folder channel wrote, with its text,
// video and cover, as its post.json lists them. Folders being written (temp names) are not read.
import { readdir, readFile } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import type { PromoConfig } from '../config/config-types.ts';

export interface OutboxPostView {
  /** The folder channel's name in config.yaml. */
  channel: string;
  /** Absolute outbox folder of the channel. */
  outbox: string;
  /** Absolute folder of the post. */
  folder: string;
  /** The post's key (the state database's posts.key). */
  key: string;
  due?: string;
  /** The due time in the stream's zone, `2026-11-30 20:00 Asia/Shanghai`. */
  local?: string;
  text: string;
  streamTitle?: string;
  /** Absolute paths inside `folder`, when the post has them. */
  video?: string;
  cover?: string;
}

/** Every post folder of every folder channel, by due time. */
export async function readOutbox(config: Pick<PromoConfig, 'channels' | 'dir'>): Promise<OutboxPostView[]> {
  const posts: OutboxPostView[] = [];
  for (const [channel, definition] of Object.entries(config.channels)) {
    if (definition.type !== 'folder') continue;
    const outbox = isAbsolute(definition.dir) ? definition.dir : resolve(config.dir, definition.dir);
    const entries = await readdir(outbox, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const folder = join(outbox, entry.name);
      const post = await readPostJson(folder);
      if (post) posts.push({ channel, outbox, folder, ...post });
    }
  }
  return posts.sort((a, b) => (a.due ?? '').localeCompare(b.due ?? '') || a.folder.localeCompare(b.folder));
}

async function readPostJson(folder: string): Promise<Omit<OutboxPostView, 'channel' | 'outbox' | 'folder'> | undefined> {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(await readFile(join(folder, 'post.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof data.key !== 'string' || typeof data.text !== 'string') return undefined;
  // Only a plain name inside the post's own folder: a hand-edited post.json cannot point elsewhere.
  const inFolder = (name: unknown) => (typeof name === 'string' && name !== '' && basename(name) === name && name !== '..' ? join(folder, name) : undefined);
  const stream = data.stream as Record<string, unknown> | undefined;
  return {
    key: data.key,
    due: typeof data.due === 'string' ? data.due : undefined,
    local: typeof data.local === 'string' ? data.local : undefined,
    text: data.text,
    streamTitle: typeof stream?.title === 'string' ? stream.title : undefined,
    video: inFolder(data.video),
    cover: inFolder(data.cover),
  };
}
