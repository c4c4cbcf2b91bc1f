// Removes temporary files an earlier run left behind when it was killed (kill -9, power loss):
// `.promo-tmp-<pid>-…` files whose process is gone. Finished outputs are never touched.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive as isAlive } from '../util/is-process-alive.ts';

/** Deletes stale `.promo-tmp-*` files (and `.promo/work-*` folders) of dead runs; returns them. */
export async function removeStaleTemps(outDir: string): Promise<string[]> {
  const removed: string[] = [];
  const sweep = async (dir: string, depth: number) => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isFile() && entry.name.startsWith('.promo-tmp-')) {
        const pid = Number(/^\.promo-tmp-(\d+)-/.exec(entry.name)?.[1]);
        if (!isAlive(pid)) {
          await rm(path, { force: true });
          removed.push(path);
        }
      } else if (entry.isDirectory() && entry.name.startsWith('work-') && dir.endsWith('/.promo')) {
        // A killed run's scratch folder (`.promo/work-<pid>-…`).
        const pid = Number(/^work-(\d+)-/.exec(entry.name)?.[1]);
        if (!isAlive(pid)) {
          await rm(path, { recursive: true, force: true });
          removed.push(path);
        }
      } else if (entry.isDirectory() && depth > 0 && (!entry.name.startsWith('.') || entry.name === '.promo')) {
        await sweep(path, depth - 1);
      }
    }
  };
  await sweep(outDir, 1);
  return removed;
}
