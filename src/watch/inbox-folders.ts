// An inbox's own folders: `.promo-work/` holds files while their job is open, `done/` and
// `failed/` receive them afterwards. Files are moved, never copied over or deleted: a name
// already taken gets a suffix (`TEA-001 (2).mp4`).
import { link, mkdir, rename, unlink } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { pathExists } from '../util/path-exists.ts';

export interface InboxFolders {
  inbox: string;
  work: string;
  done: string;
  failed: string;
}

export const WORK_FOLDER = '.promo-work';
/** What a file in failed/ has beside it: `<file>.error.txt`. */
export const NOTE_SUFFIX = '.error.txt';

/** The folders of an inbox. */
export function inboxFolders(inbox: string): InboxFolders {
  return { inbox, work: join(inbox, WORK_FOLDER), done: join(inbox, 'done'), failed: join(inbox, 'failed') };
}

/** Creates the inbox and its folders when missing. */
export async function ensureInboxFolders(folders: InboxFolders): Promise<void> {
  for (const dir of [folders.inbox, folders.work, folders.done, folders.failed]) await mkdir(dir, { recursive: true });
}

/**
 * A free name in `dir` for `name`: the name itself, or `stem (2).ext`, `stem (3).ext`, … With
 * `note`, the `<name>.error.txt` beside it must be free too (failed/ keeps a note per file).
 */
export async function freeName(dir: string, name: string, options: { note?: boolean } = {}): Promise<string> {
  const ext = extname(name);
  const stem = basename(name, ext);
  for (let n = 1; ; n++) {
    const candidate = join(dir, n === 1 ? name : `${stem} (${n})${ext}`);
    if (await pathExists(candidate)) continue;
    if (options.note && (await pathExists(`${candidate}${NOTE_SUFFIX}`))) continue;
    return candidate;
  }
}

/**
 * Moves `from` to exactly `to` without ever replacing a file there: a hard link then an unlink
 * (link fails when `to` exists), falling back to rename on file systems without hard links.
 */
export async function moveNoClobber(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw error;
    if (await pathExists(to)) throw Object.assign(new Error(`${to} exists`), { code: 'EEXIST' });
    await rename(from, to);
    return;
  }
  await unlink(from);
}

