// The kept files a render's jobs wrote or reused (their KeptUseLog), each looked at on its own:
// what the record of use needs when no prune follows (render-with-kept-cache.ts), without a
// listing of every kept file of the folder.
import { lstat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { tempNameOwner } from '../../util/temp-path.ts';
import { KEPT_KINDS, type KeptEntry, type KeptKind } from './kept-entry.ts';

/** The entries (as listKeptEntries gives them) of the files the jobs noted that are kept files of `outDir`. */
export async function listUsedKeptEntries(outDir: string, jobs: readonly { keptUsed?: readonly string[] }[]): Promise<KeptEntry[]> {
  const root = resolve(outDir);
  const paths = new Set(jobs.flatMap((job) => job.keptUsed ?? []).map((file) => relative(root, resolve(root, file)).split(sep).join('/')));
  const entries = await Promise.all([...paths].map(async (path): Promise<KeptEntry | undefined> => {
    const parts = path.split('/');
    if (parts.length !== 3 || parts[0] !== '.promo' || !(KEPT_KINDS as readonly string[]).includes(parts[1]!)) return undefined;
    const name = parts[2]!;
    if (name.startsWith('.promo-tmp-') || tempNameOwner(name) !== undefined) return undefined;
    // lstat, as the listing: a symlink is never followed out of the folder, only a regular file counts.
    const info = await lstat(resolve(root, path)).catch(() => undefined);
    return info?.isFile() ? { kind: parts[1] as KeptKind, path, bytes: info.size, mtimeMs: info.mtimeMs } : undefined;
  }));
  return entries.filter((e): e is KeptEntry => e !== undefined).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
