import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatPrice } from '../../src/graphics/format-price.ts';
import type { FontSet, TemplateSet } from '../../src/graphics/graphics-types.ts';
import { loadTemplates } from '../../src/graphics/load-templates.ts';
import { prepareFonts } from '../../src/graphics/prepare-fonts.ts';
import { renderBadgeImage } from '../../src/graphics/render-badge-image.ts';
import { findPreset, PRESETS } from '../../src/presets/presets.ts';
import { freshDir, pixels } from './graphics-test-helpers.ts';

let fonts: FontSet;
let templates: TemplateSet;
beforeAll(async () => {
  fonts = await prepareFonts();
  templates = await loadTemplates({});
});

const douyin = findPreset('douyin')!;

describe('renderBadgeImage', () => {
  it('puts the badge at the top-left of the safe area on every preset', async () => {
    const outDir = await freshDir();
    for (const preset of PRESETS) {
      const badge = await renderBadgeImage({ price: 99, originalPrice: 199, currency: 'CNY', color: '#D7263D', preset, templates, fonts, outDir });
      expect([badge.x, badge.y], preset.name).toEqual([preset.safe.left, preset.safe.top]);
      expect(badge.x + badge.width).toBeLessThanOrEqual(preset.width - preset.safe.right);
      const meta = await sharp(badge.path).metadata();
      expect([meta.width, meta.height, meta.channels]).toEqual([badge.width, badge.height, 4]);
    }
  });

  it('has no original-price part when there is no (higher) original price', async () => {
    const outDir = await freshDir();
    const draw = (originalPrice?: number) => renderBadgeImage({
      price: 99, ...(originalPrice === undefined ? {} : { originalPrice }), currency: 'CNY', color: '#D7263D', preset: douyin, templates, fonts, outDir,
    });
    const both = await draw(199);
    const alone = await draw();
    const notHigher = await draw(99);
    expect(alone.width).toBeLessThan(both.width * 0.8);
    expect(notHigher.width).toBe(alone.width);
    const [a, b] = await Promise.all([pixels(alone.path), pixels(notHigher.path)]);
    expect(a.data.equals(b.data)).toBe(true);
  });

  it('fills the pill with the brand colour and picks readable text', async () => {
    const outDir = await freshDir();
    for (const color of ['#D7263D', '#FFD400']) {
      const badge = await renderBadgeImage({ price: 99, currency: 'CNY', color, preset: douyin, templates, fonts, outDir });
      const { data } = await pixels(badge.path);
      const target = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
      let brand = 0;
      let light = 0;
      let dark = 0;
      for (let p = 0; p < data.length; p += 4) {
        if (data[p + 3]! < 250) continue;
        if (Math.abs(data[p]! - target[0]!) + Math.abs(data[p + 1]! - target[1]!) + Math.abs(data[p + 2]! - target[2]!) < 12) brand++;
        if (data[p]! > 240 && data[p + 1]! > 240 && data[p + 2]! > 240) light++;
        if (data[p]! < 40 && data[p + 1]! < 40 && data[p + 2]! < 40) dark++;
      }
      expect(brand, color).toBeGreaterThan(data.length / 4 * 0.3);
      // White digits on red, near-black digits on yellow.
      if (color === '#D7263D') expect(light).toBeGreaterThan(300);
      else expect(dark).toBeGreaterThan(300);
    }
  });
});

describe('formatPrice', () => {
  it('drops .00, keeps two decimals otherwise, no thousands separators', () => {
    expect(formatPrice(99, 'CNY').text).toBe('¥99');
    expect(formatPrice(99.5, 'CNY').text).toBe('¥99.50');
    expect(formatPrice(99.999, 'CNY').text).toBe('¥100');
    expect(formatPrice(1299, 'cny').text).toBe('¥1299');
    expect(formatPrice(19.9, 'USD').text).toBe('$19.90');
    expect(formatPrice(88, 'HKD')).toEqual({ symbol: 'HK$', amount: '88', text: 'HK$88' });
    expect(formatPrice(99, 'THB').text).toBe('THB 99');
    expect(formatPrice(99, '元').text).toBe('元99');
  });
});
