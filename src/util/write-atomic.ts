// Writes a file (or a folder) so that readers only ever see it whole: the content goes to a temp
// path beside it (util/temp-path.ts), which is renamed over the final name only once complete.
import { link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { KeptUseLog } from './kept-use-log.ts';
import { tempPathFor } from './temp-path.ts';

/** What to write: the bytes, or a function that creates the temp path (ffmpeg, sharp, a folder). */
export type AtomicContent = string | Uint8Array | ((temp: string) => Promise<unknown>);

export interface WriteAtomicOptions {
  mode?: number;
  /** Never replace an existing `file`: fail with EEXIST instead (files only, not folders). */
  exclusive?: boolean;
}

/**
 * Writes `content` to `file` atomically; on any failure the temp is removed and `file` is left as
 * it was. A killed process leaves only a temp, which removeDeadTemps clears.
 */
export async function writeAtomic(file: string, content: AtomicContent, options: WriteAtomicOptions = {}): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = tempPathFor(file);
  try {
    if (typeof content === 'function') await content(temp);
    else await writeFile(temp, content, { mode: options.mode });
    if (options.exclusive) {
      // A hard link fails with EEXIST instead of replacing: the no-clobber form of the rename.
      await link(temp, file);
      await rm(temp, { force: true });
    } else {
      await rename(temp, file);
    }
    // A kept file written by a render's job is one its output was made with (render/kept-cache/).
    KeptUseLog.note(file);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}
