import { stat } from 'node:fs/promises';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FontSet, TemplateSet } from '../../src/graphics/graphics-types.ts';
import { loadTemplates } from '../../src/graphics/load-templates.ts';
import { prepareFonts } from '../../src/graphics/prepare-fonts.ts';
import { renderCaptionImage } from '../../src/graphics/render-caption-image.ts';
import { findPreset, PRESETS } from '../../src/presets/presets.ts';
import { PromoError } from '../../src/util/promo-error.ts';
import { difference, freshDir, pixels, thumbnail } from './graphics-test-helpers.ts';

let fonts: FontSet;
let templates: TemplateSet;
beforeAll(async () => {
  fonts = await prepareFonts();
  templates = await loadTemplates({});
});

const douyin = findPreset('douyin')!;

describe('renderCaptionImage', () => {
  it('draws Chinese with real glyphs, not tofu boxes', async () => {
    const outDir = await freshDir();
    const draw = async (text: string) => (await renderCaptionImage({ text, preset: douyin, templates, fonts, outDir })).path;
    const tea = await thumbnail(await draw('明前龙井'));
    const spring = await thumbnail(await draw('西湖春茶'));
    // U+E000 is a private-use code point: no font has it, so Pango draws its tofu box.
    const tofuA = await thumbnail(await draw('\uE000\uE000\uE000\uE000'));
    const tofuB = await thumbnail(await draw('\uE001\uE001\uE001\uE001'));
    const tofuNoise = difference(tofuA, tofuB);
    expect(difference(tea, tofuA)).toBeGreaterThan(Math.max(6, 3 * tofuNoise));
    expect(difference(tea, spring)).toBeGreaterThan(Math.max(6, 3 * tofuNoise));
  });

  it('keeps every style inside the safe area, in its lower part, for every built-in preset', async () => {
    const outDir = await freshDir();
    const text = '今年的明前龙井采自西湖核心产区 — hand-picked, first flush, 限时特价 ¥99 只有今晚！';
    for (const preset of PRESETS) {
      for (const style of Object.keys(templates.captions)) {
        const image = await renderCaptionImage({ text, preset, templates, style, fonts, outDir });
        const meta = await sharp(image.path).metadata();
        const where = `${preset.name}/${style}`;
        expect([meta.width, meta.height, meta.channels], where).toEqual([image.width, image.height, 4]);
        expect(image.x, where).toBeGreaterThanOrEqual(preset.safe.left);
        expect(image.y, where).toBeGreaterThanOrEqual(preset.safe.top);
        expect(image.x + image.width, where).toBeLessThanOrEqual(preset.width - preset.safe.right);
        expect(image.y + image.height, where).toBeLessThanOrEqual(preset.height - preset.safe.bottom);
        const safeMiddle = (preset.safe.top + preset.height - preset.safe.bottom) / 2;
        expect(image.y + image.height / 2, where).toBeGreaterThan(safeMiddle);
        // Centred in the safe area (±1 px rounding).
        const left = image.x - preset.safe.left;
        const right = preset.width - preset.safe.right - image.x - image.width;
        expect(Math.abs(left - right), where).toBeLessThanOrEqual(1);
      }
    }
  });

  it('wraps long text onto more lines instead of growing wider than the safe area', async () => {
    const outDir = await freshDir();
    const safeWidth = douyin.width - douyin.safe.left - douyin.safe.right;
    const short = await renderCaptionImage({ text: '明前龙井', preset: douyin, templates, fonts, outDir });
    const longZh = await renderCaptionImage({
      text: '今年的明前龙井采自西湖核心产区，嫩芽一芽一叶，冲泡后汤色清亮，豆香浓郁，回甘持久',
      preset: douyin, templates, fonts, outDir,
    });
    const longEn = await renderCaptionImage({
      text: 'This hand-picked spring green tea comes straight from the West Lake hills and tastes like April',
      preset: douyin, templates, fonts, outDir,
    });
    const oneWord = await renderCaptionImage({ text: 'x'.repeat(120), preset: douyin, templates, fonts, outDir });
    for (const long of [longZh, longEn, oneWord]) {
      expect(long.height).toBeGreaterThan(short.height * 1.6);
      expect(long.width).toBeLessThanOrEqual(safeWidth);
    }
  });

  it('draws hostile text literally and without error', async () => {
    const outDir = await freshDir();
    const width = async (text: string) => (await renderCaptionImage({ text, preset: douyin, templates, style: 'clean', fonts, outDir })).width;
    expect(await width('<b>x</b>')).toBeGreaterThan((await width('x')) * 3);
    expect(await width('&amp;')).toBeGreaterThan((await width('&')) * 2);
    for (const text of [
      "x',drawtext=textfile=/etc/hostname",
      '%{e:while(1,1)} {\\fs300} <b>&amp;',
      '<span size="300000">big</span>',
      '"quotes" \'single\' \\back\\slash\\ %{pts} ${HOME} $(id)',
      'control\u0001chars\u0007and\ttabs\r\nnew line',
      'emoji 😀🔥 kept as boxes',
      '</markup>&#x41;&lt;',
    ]) {
      const image = await renderCaptionImage({ text, preset: douyin, templates, fonts, outDir });
      expect(image.width, text).toBeGreaterThan(50);
    }
  });

  it('stays readable on white and on black for every built-in style', async () => {
    const outDir = await freshDir();
    for (const style of Object.keys(templates.captions)) {
      const image = await renderCaptionImage({ text: '明前龙井 Longjing', preset: douyin, templates, style, fonts, outDir });
      for (const background of ['#FFFFFF', '#000000']) {
        const stats = await sharp(image.path).flatten({ background }).greyscale().stats();
        // Text that vanished into the background would leave the picture nearly flat.
        expect(stats.channels[0]!.stdev, `${style} on ${background}`).toBeGreaterThan(40);
      }
    }
  });

  it('reuses the file for the same inputs and names it after them', async () => {
    const outDir = await freshDir();
    const first = await renderCaptionImage({ text: '明前龙井', preset: douyin, templates, fonts, outDir });
    // Not drawn again: the same file (a new drawing is written to a temp name and renamed: a new
    // inode). Its mtime moves on purpose: it records the use for the kept cache's pruning.
    const before = await stat(first.path);
    const again = await renderCaptionImage({ text: '明前龙井', preset: douyin, templates, fonts, outDir });
    expect(again).toEqual(first);
    const after = await stat(again.path);
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBeGreaterThanOrEqual(before.mtimeMs);
    const other = await renderCaptionImage({ text: '明前龙井', preset: douyin, templates, style: 'bold', fonts, outDir });
    expect(other.path).not.toBe(first.path);
  });

  it('refuses an unknown style and an empty caption with a PromoError', async () => {
    const outDir = await freshDir();
    await expect(renderCaptionImage({ text: 'x', preset: douyin, templates, style: 'nope', fonts, outDir }))
      .rejects.toMatchObject({ code: 'SPEC_INVALID', message: expect.stringContaining('nope') });
    await expect(renderCaptionImage({ text: '  ', preset: douyin, templates, fonts, outDir })).rejects.toBeInstanceOf(PromoError);
  });

  it('draws white text on a translucent dark box in the default style', async () => {
    const outDir = await freshDir();
    const image = await renderCaptionImage({ text: '明前龙井', preset: douyin, templates, fonts, outDir });
    const { data, width, height } = await pixels(image.path);
    // The middle of the left padding is box: dark and partly transparent.
    const i = (Math.floor(height / 2) * width + 8) * 4;
    expect(data[i]! + data[i + 1]! + data[i + 2]!).toBeLessThan(60);
    expect(data[i + 3]).toBeGreaterThan(100);
    expect(data[i + 3]).toBeLessThan(230);
    // Somewhere there is white text.
    let white = 0;
    for (let p = 0; p < data.length; p += 4) if (data[p]! > 240 && data[p + 1]! > 240 && data[p + 2]! > 240 && data[p + 3]! > 240) white++;
    expect(white).toBeGreaterThan(500);
  });
});
