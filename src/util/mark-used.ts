// Records that a kept file (a drawn image, a cover, a segment, a loudness measurement) was used
// again, by setting its mtime to now: the cache's pruning (render/kept-cache/) evicts the least
// recently used first, and the file's mtime is that record (no index to keep in step with it).
import { utimes } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileSystemNow } from './file-system-now.ts';
import { KeptUseLog } from './kept-use-log.ts';

/** Sets `file`'s access and modification times to now (by its file system's clock) and notes it in the job's KeptUseLog; a file gone meanwhile is no error. */
export async function markUsed(file: string): Promise<void> {
  KeptUseLog.note(file);
  const now = new Date(await fileSystemNow(dirname(file)).catch(() => Date.now()));
  await utimes(file, now, now).catch(() => undefined);
}
