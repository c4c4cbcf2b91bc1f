// Which kept files each current artifact was made with, in `<out>/.promo/kept-uses.json`:
// `{ version: 1, uses: { <artifact key>: [<entry path>, …] } }`. A render run through
// renderWithKeptCache records, for every artifact it made, the kept files its job wrote or reused
// (record-kept-uses.ts); the pruning keeps every file a manifest artifact's key lists.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../../util/write-atomic.ts';

export interface KeptUsesFile {
  version: 1;
  uses: Record<string, string[]>;
}

/** Reading and writing the index; a missing or damaged one is empty. */
export class KeptUses {
  static pathOf(outDir: string): string {
    return join(outDir, '.promo', 'kept-uses.json');
  }

  static async read(outDir: string): Promise<KeptUsesFile> {
    try {
      const parsed = JSON.parse(await readFile(KeptUses.pathOf(outDir), 'utf8')) as KeptUsesFile;
      if (parsed.version === 1 && parsed.uses && typeof parsed.uses === 'object') return parsed;
    } catch {
      // none yet, or damaged: nothing is known to be in use but what the manifest's segments say
    }
    return { version: 1, uses: {} };
  }

  /** Writes `uses`, keeping only the keys in `current` (the manifest's artifacts). */
  static async write(outDir: string, uses: Record<string, string[]>, current: ReadonlySet<string>): Promise<void> {
    const kept = Object.fromEntries(Object.entries(uses).filter(([key]) => current.has(key)).sort(([a], [b]) => (a < b ? -1 : 1)));
    await writeAtomic(KeptUses.pathOf(outDir), `${JSON.stringify({ version: 1, uses: kept })}\n`);
  }
}
