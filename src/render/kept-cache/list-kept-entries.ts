// Every kept file of an output folder (kept-entry.ts), with its size and last use.
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tempNameOwner } from '../../util/temp-path.ts';
import { KEPT_KINDS, type KeptEntry } from './kept-entry.ts';

/** The kept files of `outDir`, sorted by path; temp files (another process's writes in progress) left out. */
export async function listKeptEntries(outDir: string): Promise<KeptEntry[]> {
  const entries: KeptEntry[] = [];
  for (const kind of KEPT_KINDS) {
    const dir = join(outDir, '.promo', kind);
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (name.startsWith('.promo-tmp-') || tempNameOwner(name) !== undefined) continue;
      // lstat: a symlink is never followed out of the folder, only a regular file counts.
      const info = await lstat(join(dir, name)).catch(() => undefined);
      if (!info?.isFile()) continue;
      entries.push({ kind, path: `.promo/${kind}/${name}`, bytes: info.size, mtimeMs: info.mtimeMs });
    }
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
