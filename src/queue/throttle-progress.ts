// How often a runner writes a job's progress: a render reports it on every ffmpeg `-progress`
// line (several a second per output), far more than the state database or Redis should take. A
// report is written when it moved the fraction by at least `minStep` (or reached 1, or is the
// first), and never sooner than `intervalMs` after the last write: one that came too soon is
// written when the interval is up (the latest then), so the last figure is never lost.
import type { JobProgress } from './job-runner.ts';

export interface ThrottleProgressOptions {
  /** Writes one progress (its errors are the caller's: a failed write is not retried). */
  write: (progress: JobProgress) => void;
  /** Default 500 ms. */
  intervalMs?: number;
  /** Default 0.01 (1 %). */
  minStep?: number;
  /** The clock (default Date.now); tests give their own. */
  now?: () => number;
  /** Schedules the delayed write (default setTimeout, unref'd). */
  schedule?: (run: () => void, ms: number) => { cancel(): void };
}

export interface ProgressThrottle {
  report(fraction: number, what: string): void;
  /** Drops a delayed write (the job ended). */
  stop(): void;
}

/** A throttle for one running job's progress writes. */
export function throttleProgress(options: ThrottleProgressOptions): ProgressThrottle {
  const intervalMs = options.intervalMs ?? 500;
  const minStep = options.minStep ?? 0.01;
  const now = options.now ?? Date.now;
  const schedule = options.schedule ?? ((run, ms) => {
    const timer = setTimeout(run, ms);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  });
  let written: number | undefined;
  let writtenAt = 0;
  let latest: JobProgress | undefined;
  let timer: { cancel(): void } | undefined;
  let stopped = false;

  const flush = () => {
    timer = undefined;
    if (stopped || !latest) return;
    const progress = latest;
    latest = undefined;
    written = progress.fraction;
    writtenAt = now();
    options.write(progress);
  };

  return {
    report(fraction, what) {
      if (stopped || !Number.isFinite(fraction)) return;
      const clamped = Math.min(1, Math.max(0, fraction));
      const moved = written === undefined || Math.abs(clamped - written) >= minStep || (clamped === 1 && written !== 1);
      if (!moved) return;
      latest = { fraction: clamped, what };
      if (timer) return; // written when the interval is up, as the latest then
      const wait = written === undefined ? 0 : writtenAt + intervalMs - now();
      if (wait <= 0) flush();
      else timer = schedule(flush, wait);
    },
    stop() {
      stopped = true;
      timer?.cancel();
      timer = undefined;
    },
  };
}
