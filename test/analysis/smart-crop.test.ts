// fit: smart: the window planner on synthetic importance (steady, snapped, tracking with a speed
// cap, blurred fill when nothing stands out), and a real render whose 9:16 window follows a
// subject crossing a 16:9 take while a centred crop loses it.
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { planSmartCrop, SMART_MAX_PAN_PER_SECOND } from '../../src/plan/plan-smart-crop.ts';
import { generateMovingSubject } from '../helpers/analysis-footage.ts';
import { extractFrame } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';

// 10 analysed frames a second, 32 columns: `at(t)` is the subject's centre (0–1) at t.
function track(seconds: number, at: (t: number) => number, width = 0.1) {
  const columns: number[][] = [];
  for (let i = 0; i < seconds * 10; i++) {
    const centre = at(i / 10);
    columns.push([...Array(32).keys()].map((b) => (Math.abs((b + 0.5) / 32 - centre) <= width / 2 ? 20 : 0.2)));
  }
  return { fps: 10, columns };
}

describe('planSmartCrop', () => {
  it('holds a steady window over a subject that stays put, and snaps it to the centre when close', () => {
    const right = planSmartCrop(track(4, () => 0.75), 3000, 1000, 4)!;
    expect(right.steady).toBe(true);
    expect(right.path).toHaveLength(1);
    // The window's centre on the subject: 0.75 × 3000 − 500.
    expect(Math.abs(right.path[0]!.x - 1750)).toBeLessThanOrEqual(60);
    expect(right.x).toBe(String(right.path[0]!.x));
    expect(planSmartCrop(track(4, () => 0.54), 3000, 1000, 4)!.path[0]!.x).toBe(1000);
  });

  it('tracks a subject crossing the picture, never faster than the cap', () => {
    const crop = planSmartCrop(track(8, (t) => 0.1 + (0.8 * t) / 8), 3000, 1000, 8)!;
    expect(crop.steady).toBe(false);
    expect(crop.x).toMatch(/^if\(lt\(t,0\.5\),/);
    for (let k = 1; k < crop.path.length; k++) {
      const a = crop.path[k - 1]!;
      const b = crop.path[k]!;
      expect(Math.abs(b.x - a.x) / (b.t - a.t)).toBeLessThanOrEqual(SMART_MAX_PAN_PER_SECOND * 3000 + 1);
      // The subject (0.1 wide) inside the window at every keyframe.
      const centre = (0.1 + (0.8 * b.t) / 8) * 3000;
      expect(centre - 150).toBeGreaterThanOrEqual(b.x - 1);
      expect(centre + 150).toBeLessThanOrEqual(b.x + 1000 + 1);
    }
  });

  it('gives no window (the blurred fill) when nothing stands out, or without an analysis', () => {
    const flat = { fps: 10, columns: Array.from({ length: 40 }, () => new Array<number>(32).fill(1)) };
    expect(planSmartCrop(flat, 3000, 1000, 4)).toBeUndefined();
    expect(planSmartCrop(undefined, 3000, 1000, 4)).toBeUndefined();
    // A frame already of the window's shape needs none.
    expect(planSmartCrop(track(4, () => 0.5), 1000, 1000, 4)).toBeUndefined();
  });
});

describe('fit: smart in a render', () => {
  it('keeps a subject crossing the frame in a 9:16 window that a centred crop loses', async () => {
    const take = await generateMovingSubject(640, 360, 6);
    const spec = (fit: string) => ({
      stream: { title: 'Smart' },
      products: [{ sku: 'S-1', footage: 'take.mp4', fit, clips: [{ in: 0, out: 6 }] }],
      outputs: [{ name: 'tall', width: 180, height: 320 }],
      intro: false, outro: false, quality: 'draft',
    });
    const contrast = async (file: string, t: number) => {
      const png = await extractFrame(file, t);
      const stats = await sharp(png).stats();
      return stats.channels.slice(0, 3).reduce((sum, c) => sum + c.stdev, 0) / 3;
    };
    const results: Record<string, number[]> = {};
    for (const fit of ['smart', 'crop']) {
      const dir = await makeSpecDir(spec(fit), { files: { 'take.mp4': take.file } });
      const render = await runCli(['render', dir.spec, '-c', dir.config], { cwd: dir.dir });
      expect(render.code, render.stderr).toBe(0);
      const out = join(dir.out, 'S-1', 'tall.mp4');
      // Near the start and the end the subject is at the picture's edges, far from its centre.
      results[fit] = [await contrast(out, 0.4), await contrast(out, 5.5)];
    }
    // The flat grey background has almost no contrast; the subject (testsrc2) a lot.
    for (const value of results.smart!) expect(value).toBeGreaterThan(30);
    for (const value of results.crop!) expect(value).toBeLessThan(10);
  });
});
