// "Now" by the clock that stamps files' mtimes in a folder. It is this host's clock for a local
// disk, but the server's for a network share, and a process under faketime (or with a skewed
// clock) disagrees with it: comparing Date.now() with mtimes would then misjudge every file's age.
// Measured once per folder and process by writing a temp file and reading its mtime.
import { rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempPathFor } from './temp-path.ts';

const offsets = new Map<string, number>();

/** Milliseconds since the epoch as `dir`'s file system would stamp a file written now. */
export async function fileSystemNow(dir: string): Promise<number> {
  let offset = offsets.get(dir);
  if (offset === undefined) {
    const probe = tempPathFor(join(dir, 'clock'));
    const before = Date.now();
    try {
      await writeFile(probe, '');
      const stamped = (await stat(probe)).mtimeMs;
      // Within a second of agreeing: the same clock (what every local disk gives); keep Date.now().
      offset = Math.abs(stamped - before) < 1000 ? 0 : stamped - before;
    } catch {
      offset = 0;
    } finally {
      await rm(probe, { force: true });
    }
    offsets.set(dir, offset);
  }
  return Date.now() + offset;
}
