// Paces the automatic prune of a long-running promo (the watcher, a worker): it renders one job
// after another into the same output folder, and a prune lists every kept file there (an lstat
// each), so pruning after every job made a burst of n files cost n listings of a growing folder:
// 1.7 s of the watcher's main thread for 200 one-second files, most of what it took over
// `promo render` of the same files. At most one prune per folder runs per interval; one skipped
// runs when the interval is over (a timer that keeps no process alive), unless a job's prune
// comes first, or when the process stops (flush). Between two prunes the kept files can exceed `cache.maxSize` by what the renders
// of one interval wrote.

/** How often at most a watcher or worker prunes an output folder (ms). */
export const LONG_RUN_PRUNE_INTERVAL_MS = 60_000;

/** Runs a skipped prune later. */
export type PruneLater = () => Promise<unknown>;

export interface PrunePacerOptions {
  /** The clock (ms). */
  now?: () => number;
  /** Runs `run` after `ms`; returns a way to cancel it. Default: an unref'd setTimeout. */
  schedule?: (run: () => void, ms: number) => () => void;
}

/** Whether each output folder's prune may run now, at most once per `intervalMs`. */
export class PrunePacer {
  private readonly last = new Map<string, number>();
  private readonly pending = new Map<string, { cancel: () => void; later: PruneLater }>();
  private readonly now: () => number;
  private readonly schedule: NonNullable<PrunePacerOptions['schedule']>;

  constructor(readonly intervalMs: number, options: PrunePacerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.schedule = options.schedule ?? ((run, ms) => {
      const timer = setTimeout(run, ms);
      timer.unref();
      return () => clearTimeout(timer);
    });
  }

  /**
   * True when `folder`'s prune is due: the caller prunes now. Otherwise false, and `later` runs
   * once the interval since the last prune is over (the latest `later` given by then).
   */
  take(folder: string, later: PruneLater): boolean {
    const now = this.now();
    const last = this.last.get(folder);
    this.pending.get(folder)?.cancel();
    this.pending.delete(folder);
    if (last === undefined || now - last >= this.intervalMs) {
      this.last.set(folder, now);
      return true;
    }
    this.pending.set(folder, {
      later,
      cancel: this.schedule(() => void this.run(folder, later), last + this.intervalMs - now),
    });
    return false;
  }

  /** Runs every skipped prune now (a watcher stopping, `promo watch --once` done) and waits for them. */
  async flush(): Promise<void> {
    const waiting = [...this.pending.entries()];
    this.pending.clear();
    await Promise.all(waiting.map(([folder, { cancel, later }]) => {
      cancel();
      return this.run(folder, later);
    }));
  }

  /** Cancels the skipped prunes not run yet. */
  close(): void {
    for (const { cancel } of this.pending.values()) cancel();
    this.pending.clear();
  }

  private async run(folder: string, later: PruneLater): Promise<void> {
    this.pending.delete(folder);
    this.last.set(folder, this.now());
    await later().catch(() => undefined);
  }
}
