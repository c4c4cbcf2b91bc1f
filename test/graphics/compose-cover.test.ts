import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeCover } from '../../src/graphics/compose-cover.ts';
import type { FontSet, TemplateSet } from '../../src/graphics/graphics-types.ts';
import { loadTemplates } from '../../src/graphics/load-templates.ts';
import { prepareFonts } from '../../src/graphics/prepare-fonts.ts';
import { findPreset } from '../../src/presets/presets.ts';
import type { ProductSpec } from '../../src/promo-spec/spec-types.ts';
import { brand, difference, freshDir, solidPng, thumbnail, zhStream } from './graphics-test-helpers.ts';

let fonts: FontSet;
let templates: TemplateSet;
beforeAll(async () => {
  fonts = await prepareFonts();
  templates = await loadTemplates({});
});

const product: ProductSpec = { index: 0, sku: 'LJ-001', name: '西湖明前龙井 250g', price: 99, originalPrice: 199, footage: '/footage/tea.mp4', clips: [] };

/** The region of the image inside `box` (fractions), as a thumbnail. */
async function region(file: string, box: { x: number; y: number; w: number; h: number }, width: number, height: number) {
  const image = await sharp(file).extract({
    left: Math.round(box.x * width), top: Math.round(box.y * height),
    width: Math.round(box.w * width), height: Math.round(box.h * height),
  }).png().toBuffer();
  return thumbnail(image, 32, 16);
}

describe('composeCover', () => {
  it('writes an sRGB JPEG of exactly the preset size with name, badge and time drawn', async () => {
    const dir = await freshDir();
    for (const name of ['douyin', 'landscape']) {
      const preset = findPreset(name)!;
      const frame = await solidPng(join(dir, `frame-${name}.png`), preset.width, preset.height, '#E8F0E0');
      const outFile = join(dir, `cover-${name}.tmp`); // the renderer writes to a temp name first
      await composeCover({ frame, product, stream: zhStream, brand, currency: 'CNY', preset, templates, fonts, outFile });
      const meta = await sharp(outFile).metadata();
      expect([meta.format, meta.width, meta.height, meta.space], name).toEqual(['jpeg', preset.width, preset.height, 'srgb']);

      const noPrice = join(dir, `cover-${name}-noprice.jpg`);
      const bare = { ...product, price: undefined, originalPrice: undefined, name: undefined };
      await composeCover({ frame, product: bare, stream: { ...zhStream, start: undefined }, brand, currency: 'CNY', preset, templates, fonts, outFile: noPrice });
      const { width, height } = preset;
      const topLeft = { x: 0, y: 0, w: 0.45, h: 0.3 };
      const bottom = { x: 0, y: 0.55, w: 1, h: 0.45 };
      // Same frame and scrim in both, so any difference is drawn text (identical content gives < 0.5).
      expect(difference(await region(outFile, topLeft, width, height), await region(noPrice, topLeft, width, height)), name).toBeGreaterThan(8);
      expect(difference(await region(outFile, bottom, width, height), await region(noPrice, bottom, width, height)), name).toBeGreaterThan(2);
    }
  });

  it('scales a frame of another size to cover the preset', async () => {
    const dir = await freshDir();
    const preset = findPreset('xiaohongshu')!;
    const frame = await solidPng(join(dir, 'small.png'), 300, 300, '#102030');
    const outFile = join(dir, 'cover.jpg');
    await composeCover({ frame, product, stream: zhStream, brand, currency: 'CNY', preset, templates, fonts, outFile });
    const meta = await sharp(outFile).metadata();
    expect([meta.width, meta.height]).toEqual([preset.width, preset.height]);
  });
});
