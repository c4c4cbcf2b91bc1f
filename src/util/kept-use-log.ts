// Which kept files (render/kept-cache/) one job of a render wrote or reused: a log carried by the
// job's async context (AsyncLocalStorage), so jobs running side by side (render.concurrency) each
// see only their own, whatever the interleaving. markUsed and writeAtomic note every file they
// touch; the kept cache's record of use keeps, per artifact, what its job noted.
import { AsyncLocalStorage } from 'node:async_hooks';
import { resolve } from 'node:path';

const current = new AsyncLocalStorage<Set<string>>();
// Jobs in a log now. Node 20 tracks every promise while an AsyncLocalStorage is enabled (about
// 0.7 µs more per await): it is disabled again once no job is in one.
let running = 0;

/** The log of the job running in the current async context, if any. */
export class KeptUseLog {
  /** Runs `job` with a fresh log; resolves to its result and the absolute paths it noted, sorted. */
  static async run<T>(job: () => Promise<T>): Promise<{ result: T; used: string[] }> {
    const log = new Set<string>();
    running += 1;
    try {
      const result = await current.run(log, job);
      return { result, used: [...log].sort() };
    } finally {
      running -= 1;
      if (running === 0) current.disable();
    }
  }

  /** Notes `file` as written or reused by the current job; outside a job, nothing happens. */
  static note(file: string): void {
    current.getStore()?.add(resolve(file));
  }
}
