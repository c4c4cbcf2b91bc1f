import { describe, expect, it } from 'vitest';
import { planFit } from '../../src/plan/plan-fit.ts';

describe('planFit', () => {
  it('fits landscape into vertical with a blurred fill', () => {
    const g = planFit(1920, 1080, 1080, 1920, 'blur');
    expect(g.inner).toEqual({ width: 1080, height: 608, x: 0, y: 656 });
    expect(g.cover).toEqual({ width: 3414, height: 1920, x: 1167, y: 0 });
    expect(g.sameShape).toBe(false);
  });

  it('treats a picture within 2 px of the frame shape as the same shape', () => {
    expect(planFit(1080, 1920, 1080, 1920, 'blur').sameShape).toBe(true);
    expect(planFit(720, 1280, 1080, 1920, 'blur').sameShape).toBe(true);
    expect(planFit(1081, 1919, 1080, 1920, 'blur').sameShape).toBe(true);
    expect(planFit(1080, 1440, 1080, 1920, 'blur').sameShape).toBe(false);
  });

  it('moves the crop window with focus', () => {
    expect(planFit(1920, 1080, 1080, 1920, 'crop', 0).cover.x).toBe(0);
    expect(planFit(1920, 1080, 1080, 1920, 'crop', 1).cover.x).toBe(3414 - 1080);
    expect(planFit(1080, 1920, 1080, 1080, 'crop', 0.25).cover.y).toBe(Math.round((1920 - 1080) * 0.25));
  });

  it('keeps every size even and inside the frame for odd and tiny sources', () => {
    for (const [w, h] of [[1279, 721], [3, 5], [3840, 2160], [1, 4000], [4000, 1]] as const) {
      for (const [fw, fh] of [[1080, 1920], [1080, 1080], [1920, 1080], [1080, 1440]] as const) {
        const g = planFit(w, h, fw, fh, 'blur');
        expect(g.inner.width % 2).toBe(0);
        expect(g.inner.height % 2).toBe(0);
        expect(g.inner.width).toBeLessThanOrEqual(fw);
        expect(g.inner.height).toBeLessThanOrEqual(fh);
        expect(g.inner.x % 2).toBe(0);
        expect(g.inner.x + g.inner.width).toBeLessThanOrEqual(fw);
        expect(g.inner.y + g.inner.height).toBeLessThanOrEqual(fh);
        expect(g.cover.width).toBeGreaterThanOrEqual(fw);
        expect(g.cover.height).toBeGreaterThanOrEqual(fh);
        expect(g.cover.x + fw).toBeLessThanOrEqual(g.cover.width);
        expect(g.cover.y + fh).toBeLessThanOrEqual(g.cover.height);
      }
    }
  });
});
