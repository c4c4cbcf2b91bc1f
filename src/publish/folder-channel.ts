// "Assisted posting" for platforms without an API (视频号, 小红书, 淘宝): each post becomes a
// folder a person opens and posts from in a minute. Built beside the outbox under a temporary
// name and renamed into place, so the outbox only ever holds complete posts; a folder already
// there means the post was delivered, which makes the channel idempotent.
import { constants } from 'node:fs';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ChannelDriver, ChannelConfig, OutgoingPost, SendContext, SendResult } from './channel-types.ts';
import { readAttachment } from './read-attachment.ts';
import { makeSendScope, scopedError, type SendScope } from './send-scope.ts';
import { removeDeadTemps } from '../util/remove-dead-temps.ts';
import { writeAtomic } from '../util/write-atomic.ts';

type FolderConfig = Extract<ChannelConfig, { type: 'folder' }>;

/** The outbox-folder channel. */
export function createFolderChannel(config: FolderConfig): ChannelDriver {
  return { config, idempotent: true, send: (post, context) => sendToFolder(config, post, context) };
}

async function sendToFolder(config: FolderConfig, post: OutgoingPost, context: SendContext): Promise<SendResult> {
  const scope = makeSendScope(config, context);
  if (context.signal.aborted) throw scopedError(scope, 'cancelled before writing', { retryable: true, cancelled: true });
  const name = folderNameFor(post);
  const final = join(config.dir, name);
  const delivered = await findDelivered(config.dir, post.key);
  if (delivered) return { detail: `already in the outbox: ${delivered}` };

  const video = post.video ? await readAttachment(post.video, 'video', scope) : undefined;
  const cover = post.cover ? await readAttachment(post.cover, 'cover', scope) : undefined;
  // Two files of one name (both `cover.jpg`?) would overwrite each other.
  const coverName = cover && video && cover.name === video.name ? `cover-${cover.name}` : cover?.name;

  await guard(scope, () => mkdir(config.dir, { recursive: true }));
  // Folders a send killed mid-write left behind (their process is gone).
  await removeDeadTemps(config.dir);
  let written = false;
  try {
    await writeAtomic(final, (temp) => guard(scope, async () => {
      await mkdir(temp);
      const postJson = {
        key: post.key,
        due: post.due.toISOString(),
        local: post.local ? `${post.local.time} ${post.local.zone}` : null,
        sentAt: context.now().toISOString(),
        text: post.text,
        stream: { title: post.stream.title, start: post.stream.start?.toISOString() ?? null, url: post.stream.url ?? null },
        subject: post.subject ?? null,
        video: video?.name ?? null,
        cover: coverName ?? null,
      };
      await writeFile(join(temp, 'post.json'), `${JSON.stringify(postJson, null, 2)}\n`);
      await writeFile(join(temp, 'text.txt'), post.text);
      // FICLONE: a copy-on-write clone where the file system supports it, a plain copy elsewhere.
      if (video) await copyFile(video.path, join(temp, video.name), constants.COPYFILE_FICLONE);
      if (cover && coverName) await copyFile(cover.path, join(temp, coverName), constants.COPYFILE_FICLONE);
      written = true;
    }));
  } catch (error) {
    if (!written) throw error;
    // The rename failed: another send of the same key finished first, delivered once, by that one.
    const other = await findDelivered(config.dir, post.key);
    if (other) return { detail: `already in the outbox: ${other}` };
    throw fileError(scope, error);
  }
  return { detail: `written to ${final}` };
}

/**
 * The post's folder: due time, subject and key, `2026-11-30_2000_TEA-001_<key>`, so a person
 * listing the outbox sees the posts in the order they are due. The key part keeps distinct posts
 * apart and tells whether a post is already there.
 */
export function folderNameFor(post: Pick<OutgoingPost, 'key' | 'local' | 'subject'>): string {
  const when = post.local ? post.local.time.replace(/[^0-9]+/g, (gap) => (gap.includes(' ') ? '_' : gap.includes(':') ? '' : '-')) : '';
  const subject = (post.subject ?? 'text').replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '').slice(0, 40) || 'post';
  return [when, subject, keyPart(post.key)].filter(Boolean).join('_');
}

/** The key as a file-name part: itself when it is plain, else its safe characters and a hash. */
function keyPart(key: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9.-]{0,79}$/.test(key)) return key;
  const readable = key.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^[.-]+/, '').slice(0, 40);
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
  return `${readable || 'post'}-${hash}`;
}

/** The folder already holding this key's post, if any (whatever its due time was then). */
async function findDelivered(dir: string, key: string): Promise<string | undefined> {
  const suffix = `_${keyPart(key)}`;
  const entries = await readdir(dir).catch(() => [] as string[]);
  const found = entries.find((entry) => !entry.startsWith('.') && (entry.endsWith(suffix) || entry === keyPart(key)));
  return found === undefined ? undefined : join(dir, found);
}

async function guard<T>(scope: SendScope, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw fileError(scope, error);
  }
}

// A full disk or a busy file can clear up; a permission problem or a bad path needs a person.
const TRANSIENT_FILE_ERRORS = new Set(['ENOSPC', 'EAGAIN', 'EBUSY', 'EMFILE', 'ENFILE', 'EIO']);

function fileError(scope: SendScope, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return scopedError(scope, `could not write the post: ${(error as Error).message}`, { retryable: TRANSIENT_FILE_ERRORS.has(code) });
}
