import { describe, expect, it } from 'vitest';
import { limitSharpMemory } from '../../src/media/limit-sharp-memory.ts';
import { loadSharp, whenSharpLoads } from '../../src/media/load-sharp.ts';

describe('loadSharp', () => {
  it('runs the settings given before the load on it, once, and later ones at once', async () => {
    const seen: unknown[] = [];
    whenSharpLoads((sharp) => seen.push(sharp));
    // Asked for before sharp is loaded: libvips' cache is turned off when it loads.
    limitSharpMemory();
    expect(seen).toEqual([]);
    const [sharp, again] = await Promise.all([loadSharp(), loadSharp()]);
    expect(again).toBe(sharp);
    expect(sharp).toBe((await import('sharp')).default);
    expect(seen).toEqual([sharp]);
    const limits = sharp.cache();
    expect([limits.memory.max, limits.files.max, limits.items.max]).toEqual([0, 0, 0]);
    whenSharpLoads((loaded) => seen.push(loaded));
    expect(seen).toEqual([sharp, sharp]);
    // It draws.
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#ff0000' } }).png().toBuffer();
    expect((await sharp(png).metadata()).width).toBe(2);
  });
});
