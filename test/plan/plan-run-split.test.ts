// Where a run of segments is cut for two encodes side by side (plan-run-split.ts).
import { describe, expect, it } from 'vitest';
import { planRunSplit } from '../../src/plan/plan-run-split.ts';

// Benchmark 13b's edited clip: an overlap of 15, its middle of 90, the next overlap of 15.
const CLIP = [
  { first: 1, last: 2, start: 105, frames: 15 },
  { first: 2, last: 2, start: 120, frames: 90 },
  { first: 2, last: 3, start: 210, frames: 15 },
];

describe('planRunSplit', () => {
  it('cuts a clip and its overlaps in the middle of the clip', () => {
    expect(planRunSplit(CLIP)).toBe(165);
  });

  it('never cuts inside an overlap: at its nearer edge, else the other', () => {
    const run = [{ first: 1, last: 1, start: 0, frames: 40 }, { first: 1, last: 2, start: 40, frames: 30 }, { first: 2, last: 2, start: 70, frames: 40 }];
    expect(planRunSplit(run)).toBe(40);
    const short = [run[0]!, run[1]!, { first: 2, last: 2, start: 70, frames: 20 }];
    expect(planRunSplit(short, 20)).toBe(40);
    expect(planRunSplit(short, 45)).toBeUndefined();
  });

  it('leaves a run too short for two halves of the least size, and spans that are not one run, whole', () => {
    expect(planRunSplit([{ first: 0, last: 0, start: 0, frames: 59 }])).toBeUndefined();
    expect(planRunSplit([{ first: 0, last: 0, start: 0, frames: 60 }])).toBe(30);
    expect(planRunSplit([CLIP[0]!, CLIP[2]!])).toBeUndefined();
    expect(planRunSplit([])).toBeUndefined();
  });
});
