// The files in an inbox's failed/ folder, each with the note promo wrote beside it
// (`<file>.error.txt`: what went wrong and what to do), newest first.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inboxFolders, NOTE_SUFFIX } from '../watch/inbox-folders.ts';

export interface FailedFileView {
  /** Absolute path in failed/. */
  file: string;
  name: string;
  size: number;
  /** When it was moved there (its mtime is kept by the move: the change time is when). */
  failedAt: string;
  /** The note's text without its first line (the file name); undefined when there is none. */
  note?: string;
}

/** Notes are short; a hand-made huge file is cut. */
const MAX_NOTE_CHARS = 4000;

/** The failed files of `inbox` (none when it has no failed/ folder). */
export async function readFailedFiles(inbox: string): Promise<FailedFileView[]> {
  const dir = inboxFolders(inbox).failed;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = new Set(entries.map((entry) => entry.name));
  const files: FailedFileView[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.endsWith(NOTE_SUFFIX) || entry.name.startsWith('.')) continue;
    const file = join(dir, entry.name);
    const info = await stat(file).catch(() => undefined);
    if (!info) continue;
    let note: string | undefined;
    if (names.has(`${entry.name}${NOTE_SUFFIX}`)) {
      const text = await readFile(`${file}${NOTE_SUFFIX}`, 'utf8').catch(() => undefined);
      note = text?.slice(0, MAX_NOTE_CHARS).replace(/^[^\n]*\n+/, '').trim();
    }
    files.push({ file, name: entry.name, size: info.size, failedAt: info.ctime.toISOString(), note });
  }
  return files.sort((a, b) => b.failedAt.localeCompare(a.failedAt) || a.name.localeCompare(b.name));
}
