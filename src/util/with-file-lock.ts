// A lock shared by every promo process on this machine (a watcher, a manual render, several
// workers): an exclusively created lock file naming its holder (util/process-owner.ts). A lock
// left by a process that is gone is taken over; a bare pid from an older promo is of this host.
import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { isOwnerAlive, processOwner } from './process-owner.ts';

export interface FileLockOptions {
  /** Give up after this long (default 60 s). */
  timeoutMs?: number;
}

/** Runs `fn` while holding the lock file `lockPath`. */
export async function withFileLock<T>(lockPath: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(processOwner());
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const text = (await readFile(lockPath, 'utf8').catch(() => '')).trim();
      const holder = /^\d+$/.test(text) ? `${hostname()}:${text}` : text;
      // An empty file is a holder between creating and writing it: wait, do not take it over.
      if (holder && !isOwnerAlive(holder)) {
        await unlink(lockPath).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${lockPath} is held by process ${holder || 'unknown'}; is another promo stuck?`);
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 30));
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}
