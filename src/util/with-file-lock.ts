// A lock shared by every promo process on this machine (a watcher, a manual render, several
// workers): an exclusively created lock file holding the owner's pid. A lock left by a process
// that died is taken over.
import { open, readFile, unlink } from 'node:fs/promises';
import { isProcessAlive as isAlive } from './is-process-alive.ts';

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
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (holder && !isAlive(holder)) {
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
