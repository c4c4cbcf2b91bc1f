// Removes what earlier runs left in an output folder when they were killed (kill -9, power loss):
// temp files and folders (util/temp-path.ts) whose owner is gone, in the folder itself, its
// product folders and `.promo` (where the work folders and the cache file live). Finished
// outputs are never touched.
import { readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isOwnerAlive } from '../util/process-owner.ts';
import { removeDeadTemps } from '../util/remove-dead-temps.ts';

/** Deletes the dead runs' temps under `outDir`; returns their paths. */
export async function removeStaleTemps(outDir: string): Promise<string[]> {
  const removed: string[] = [];
  // Depth 2 reaches `preview/<SKU>/`; deeper folders are footage or the user's own.
  const sweep = async (dir: string, depth: number) => {
    removed.push(...(await removeDeadTemps(dir)));
    if (dir.endsWith('/.promo')) removed.push(...(await removeLegacyWorkDirs(dir)));
    if (depth === 0) return;
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (entry.isDirectory() && (!entry.name.startsWith('.') || entry.name === '.promo')) await sweep(join(dir, entry.name), depth - 1);
    }
  };
  await sweep(outDir, 2);
  return removed;
}

// Work folders of older promo versions: `.promo/work-<pid>-…`, named by a bare pid of this host.
async function removeLegacyWorkDirs(dir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const pid = /^work-(\d+)-/.exec(entry.name)?.[1];
    if (!entry.isDirectory() || pid === undefined || isOwnerAlive(`${hostname()}:${pid}`)) continue;
    await rm(join(dir, entry.name), { recursive: true, force: true });
    removed.push(join(dir, entry.name));
  }
  return removed;
}
