import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { normalizeStill } from '../../src/graphics/normalize-still.ts';
import { freshDir, pixels } from './graphics-test-helpers.ts';

describe('normalizeStill', () => {
  it('applies the EXIF orientation', async () => {
    const dir = await freshDir();
    // Stored 200×100: left half red, right half blue. Orientation 6 = "rotate 90° clockwise to
    // display", so upright it is 100×200 with red on top.
    const input = join(dir, 'phone.jpg');
    const red = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#FF0000' } }).png().toBuffer();
    await sharp({ create: { width: 200, height: 100, channels: 3, background: '#0000FF' } })
      .composite([{ input: red, left: 0, top: 0 }])
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toFile(input);
    expect((await sharp(input).metadata()).orientation).toBe(6);
    const outFile = join(dir, 'still.png');
    expect(await normalizeStill({ input, outFile })).toEqual({ width: 100, height: 200 });
    const meta = await sharp(outFile).metadata();
    expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual(['png', 100, 200, false]);
    expect(meta.orientation ?? 1).toBe(1);
    const { data } = await pixels(outFile);
    const at = (x: number, y: number) => [...data.subarray((y * 100 + x) * 4, (y * 100 + x) * 4 + 3)];
    expect(at(50, 20)[0]).toBeGreaterThan(200);
    expect(at(50, 20)[2]).toBeLessThan(60);
    expect(at(50, 180)[2]).toBeGreaterThan(200);
    expect(at(50, 180)[0]).toBeLessThan(60);
  });

  it('caps the long side and flattens transparency onto white', async () => {
    const dir = await freshDir();
    const input = join(dir, 'cutout.png');
    await sharp({ create: { width: 800, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toFile(input);
    const outFile = join(dir, 'still.png');
    expect(await normalizeStill({ input, outFile, maxSize: 400 })).toEqual({ width: 400, height: 100 });
    const { data } = await pixels(outFile);
    expect([...data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    // Never enlarged.
    expect(await normalizeStill({ input, outFile: join(dir, 'big.png') })).toEqual({ width: 800, height: 200 });
  });

  it('refuses a file that is not an image with FOOTAGE_UNREADABLE naming it', async () => {
    const dir = await freshDir();
    const input = join(dir, 'notes.jpg');
    await writeFile(input, 'just some text, not a JPEG');
    await expect(normalizeStill({ input, outFile: join(dir, 'x.png') }))
      .rejects.toMatchObject({ code: 'FOOTAGE_UNREADABLE', message: expect.stringContaining(input) });
    await expect(normalizeStill({ input: join(dir, 'missing.png'), outFile: join(dir, 'y.png') }))
      .rejects.toMatchObject({ code: 'FOOTAGE_MISSING', message: expect.stringMatching(/missing\.png does not exist/) });
  });
});
