// Clears one folder of the temp files and folders (util/temp-path.ts) whose owner process is gone:
// what a run killed mid-write (kill -9, power loss) left behind. Live owners' temps, this
// process's own and every other file are left alone.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isOwnerAlive } from './process-owner.ts';
import { tempNameOwner } from './temp-path.ts';

/** Removes the dead owners' temps directly in `dir`; returns their paths. */
export async function removeDeadTemps(dir: string): Promise<string[]> {
  const removed: string[] = [];
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const name of entries) {
    const owner = tempNameOwner(name);
    if (owner === undefined || isOwnerAlive(owner)) continue;
    const path = join(dir, name);
    await rm(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}
