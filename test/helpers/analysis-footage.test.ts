// The analysis footage generators make their files under names of their own and rename them into
// place: two made at once (the same footage twice, or two subjects of different sizes) each come
// out whole, at their own size. With a temp name fixed per process and kind, the second ffmpeg
// wrote into the file the first one was writing, and one of them found its temp gone.
import { describe, expect, it } from 'vitest';
import { generateFootage, generateMovingSubject } from './analysis-footage.ts';
import { makeTempDir } from './make-temp-dir.ts';
import { probeFile } from './media-assert.ts';

describe('analysis footage made concurrently', () => {
  it('gives two moving subjects of different sizes each its own whole file', async () => {
    const dir = makeTempDir('promo-footage-concurrent-');
    const [small, large] = await Promise.all([generateMovingSubject(64, 36, 1, dir), generateMovingSubject(96, 54, 1, dir)]);
    const [a, b] = await Promise.all([probeFile(small.file), probeFile(large.file)]);
    expect([a.video[0]!.width, a.video[0]!.height]).toEqual([64, 36]);
    expect([b.video[0]!.width, b.video[0]!.height]).toEqual([96, 54]);
  });

  it('makes the same footage twice at once into one whole file', async () => {
    const dir = makeTempDir('promo-footage-concurrent-');
    const plan = { width: 64, height: 36, fps: 30, audio: 'speech' as const, scenes: [{ seconds: 1 }, { seconds: 1 }] };
    const [first, second] = await Promise.all([generateFootage(plan, dir), generateFootage(plan, dir)]);
    expect(second.file).toBe(first.file);
    const probe = await probeFile(first.file);
    expect(probe.format.duration).toBeCloseTo(2, 1);
    expect(probe.audio).toHaveLength(1);
  });
});
