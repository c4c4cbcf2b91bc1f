import { describe, expect, it } from 'vitest';
import { MAX_READ_MARGIN, MIN_READ_MARGIN, readMargin } from '../../src/plan/read-margin.ts';

describe('readMargin', () => {
  it('reads three of the footage\'s frame intervals past a clip', () => {
    expect(readMargin({ fps: 24 })).toBeCloseTo(0.125, 9);
    expect(readMargin({ fps: 25 })).toBeCloseTo(0.12, 9);
  });

  it('reads at least a tenth of a second, so fast footage still gives the sound its last packets', () => {
    expect(readMargin({ fps: 30 })).toBe(MIN_READ_MARGIN);
    expect(readMargin({ fps: 60 })).toBe(MIN_READ_MARGIN);
    expect(readMargin({ fps: 240 })).toBe(MIN_READ_MARGIN);
  });

  it('reads at most half a second however far apart the frames are, and as much when the rate is unknown', () => {
    expect(readMargin({ fps: 1 })).toBe(MAX_READ_MARGIN);
    expect(readMargin({ fps: 0 })).toBe(MAX_READ_MARGIN);
    expect(readMargin({ fps: Number.NaN })).toBe(MAX_READ_MARGIN);
    expect(readMargin(undefined)).toBe(MAX_READ_MARGIN);
  });
});
