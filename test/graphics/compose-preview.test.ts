import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { composePreview } from '../../src/graphics/compose-preview.ts';
import { findPreset } from '../../src/presets/presets.ts';
import { freshDir, pixels, solidPng } from './graphics-test-helpers.ts';

describe('composePreview', () => {
  it('shades the unsafe bands red, keeps the safe area, and draws overlays where they go', async () => {
    const dir = await freshDir();
    const preset = findPreset('douyin')!;
    const frame = await solidPng(join(dir, 'frame.png'), preset.width, preset.height, '#808080');
    const overlay = join(dir, 'overlay.png');
    await sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 1 } } }).png().toFile(overlay);
    const outFile = join(dir, 'preview.png');
    await composePreview({ frame, overlays: [{ path: overlay, x: 500, y: 900, width: 40, height: 30 }], preset, outFile });
    const meta = await sharp(outFile).metadata();
    expect([meta.width, meta.height]).toEqual([preset.width, preset.height]);
    const { data, width } = await pixels(outFile);
    const at = (x: number, y: number) => [...data.subarray((y * width + x) * 4, (y * width + x) * 4 + 3)];
    // Bottom band (platform UI): reddened grey.
    const shaded = at(540, preset.height - 100);
    expect(shaded[0]! - shaded[2]!).toBeGreaterThan(60);
    // Right band too.
    const right = at(preset.width - 20, 960);
    expect(right[0]! - right[2]!).toBeGreaterThan(60);
    // Safe area untouched; overlay drawn at its place.
    expect(at(300, 700)).toEqual([128, 128, 128]);
    expect(at(520, 915)).toEqual([0, 0, 255]);
  });
});
