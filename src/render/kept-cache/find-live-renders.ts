// Whether another promo is working in an output folder right now: a render's work folder
// (`.promo/.promo-tmp-<owner>-…-work`), the mark renderWithKeptCache holds around a render, a
// preview's work folder, or any other temp file of the one scheme (util/temp-path.ts) directly
// in `.promo/` whose owner process is alive (one on another host counts as alive).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isOwnerAlive } from '../../util/process-owner.ts';
import { tempNameOwner } from '../../util/temp-path.ts';

/** The owners (`host:pid:…`) of the live temps in `<outDir>/.promo/`, each once. */
export async function findLiveRenders(outDir: string): Promise<string[]> {
  const owners = new Set<string>();
  for (const name of await readdir(join(outDir, '.promo')).catch(() => [] as string[])) {
    const owner = tempNameOwner(name);
    if (owner !== undefined && isOwnerAlive(owner)) owners.add(owner);
  }
  return [...owners].sort();
}
