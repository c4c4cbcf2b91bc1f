// The progress throttle on a clock the test moves: what is written, and when.
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../src/queue/job-runner.ts';
import { throttleProgress } from '../../src/queue/throttle-progress.ts';

function bench() {
  let clock = 1_000;
  const writes: (JobProgress & { at: number })[] = [];
  const timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  const throttle = throttleProgress({
    write: (progress) => writes.push({ ...progress, at: clock }),
    now: () => clock,
    schedule: (run, ms) => {
      const timer = { at: clock + ms, run, cancelled: false };
      timers.push(timer);
      return { cancel: () => { timer.cancelled = true; } };
    },
  });
  /** Moves the clock on by `ms`, running the timers due meanwhile. */
  const advance = (ms: number) => {
    clock += ms;
    for (const timer of timers.splice(0)) {
      if (timer.cancelled) continue;
      if (timer.at <= clock) timer.run();
      else timers.push(timer);
    }
  };
  return { throttle, writes, advance, pending: () => timers.filter((t) => !t.cancelled).length };
}

describe('throttleProgress', () => {
  it('writes the first report at once, then at most every 500 ms, the latest figure each time', () => {
    const { throttle, writes, advance } = bench();
    throttle.report(0, 'images');
    expect(writes).toEqual([{ fraction: 0, what: 'images', at: 1_000 }]);
    throttle.report(0.1, 'a');
    throttle.report(0.2, 'b');
    advance(499);
    expect(writes).toHaveLength(1);
    advance(1);
    expect(writes.at(-1)).toEqual({ fraction: 0.2, what: 'b', at: 1_500 });
    advance(2_000);
    throttle.report(0.3, 'c'); // the interval is long over: written at once
    expect(writes.at(-1)).toEqual({ fraction: 0.3, what: 'c', at: 3_500 });
    expect(writes).toHaveLength(3);
  });

  it('writes nothing for a change under 1 %, but always reaching 1', () => {
    const { throttle, writes, advance, pending } = bench();
    throttle.report(0.5, 'x');
    advance(1_000);
    throttle.report(0.505, 'y');
    throttle.report(0.4999, 'z');
    expect(pending()).toBe(0);
    advance(1_000);
    expect(writes.map((w) => w.fraction)).toEqual([0.5]);
    throttle.report(0.995, 'almost');
    advance(1_000);
    throttle.report(1.2, 'done');
    throttle.report(1, 'done again');
    expect(writes.map((w) => [w.fraction, w.what])).toEqual([[0.5, 'x'], [0.995, 'almost'], [1, 'done']]);
  });

  it('drops the delayed write once stopped, and ignores reports after', () => {
    const { throttle, writes, advance } = bench();
    throttle.report(0.1, 'a');
    throttle.report(0.5, 'b');
    throttle.stop();
    advance(1_000);
    throttle.report(0.9, 'c');
    advance(1_000);
    expect(writes.map((w) => w.fraction)).toEqual([0.1]);
  });
});
