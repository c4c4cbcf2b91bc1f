import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FontSet, TemplateSet } from '../../src/graphics/graphics-types.ts';
import { loadTemplates } from '../../src/graphics/load-templates.ts';
import { prepareFonts } from '../../src/graphics/prepare-fonts.ts';
import { renderCardImage } from '../../src/graphics/render-card-image.ts';
import { findPreset } from '../../src/presets/presets.ts';
import { brand, difference, enStream, freshDir, pixels, thumbnail, zhStream } from './graphics-test-helpers.ts';

let fonts: FontSet;
let templates: TemplateSet;
beforeAll(async () => {
  fonts = await prepareFonts();
  templates = await loadTemplates({});
});

describe('renderCardImage', () => {
  it('writes an opaque PNG of exactly the preset size for intro and outro', async () => {
    const dir = await freshDir();
    for (const name of ['douyin', 'xiaohongshu', 'square', 'landscape']) {
      const preset = findPreset(name)!;
      for (const kind of ['intro', 'outro'] as const) {
        const outFile = join(dir, `${kind}-${name}.png`);
        await renderCardImage({ kind, stream: zhStream, brand, preset, templates, fonts, outFile });
        const meta = await sharp(outFile).metadata();
        expect([meta.format, meta.width, meta.height], outFile).toEqual(['png', preset.width, preset.height]);
        expect(meta.hasAlpha, outFile).toBe(false);
        expect((await sharp(outFile).stats()).isOpaque, outFile).toBe(true);
      }
    }
  });

  it('draws text: a card differs from one whose text layer was removed, and zh from en', async () => {
    const dir = await freshDir();
    const preset = findPreset('douyin')!;
    const draw = async (file: string, set: TemplateSet, stream = zhStream) => {
      await renderCardImage({ kind: 'intro', stream, brand, preset, templates: set, fonts, outFile: join(dir, file) });
      return thumbnail(join(dir, file), 36, 64);
    };
    const full = await draw('full.png', templates);
    const english = await draw('en.png', templates, enStream);
    const noText = await draw('blank.png', {
      ...templates,
      intro: { ...templates.intro, value: { ...templates.intro.value, layers: templates.intro.value.layers.filter((l) => l.type !== 'text') } },
    });
    expect(difference(full, noText)).toBeGreaterThan(2);
    expect(difference(full, english)).toBeGreaterThan(1);
  });

  it('leaves out the host and time lines cleanly when the stream has neither', async () => {
    const dir = await freshDir();
    const preset = findPreset('square')!;
    // The built-in intro drawn for a stream without host and start must look exactly like an
    // intro whose template never had those two items.
    const source = await readFile(templates.intro.file, 'utf8');
    const trimmed = source
      .replace(/ {6}- text: \{ zh: '主播[^\n]*\n( {8}[^\n]*\n)*/, '')
      .replace(/ {6}- text: '\{\{stream\.datetime\}\}'[^\n]*\n( {8}[^\n]*\n)*/, '');
    expect(trimmed).not.toContain('stream.host');
    expect(trimmed).not.toContain('stream.datetime');
    const overrideDir = await freshDir();
    await writeFile(join(overrideDir, 'intro.yaml'), trimmed);
    const withoutItems = await loadTemplates({ overrideDir });
    const bare = { ...zhStream, host: undefined, start: undefined };
    await renderCardImage({ kind: 'intro', stream: bare, brand, preset, templates, fonts, outFile: join(dir, 'a.png') });
    await renderCardImage({ kind: 'intro', stream: bare, brand, preset, templates: withoutItems, fonts, outFile: join(dir, 'b.png') });
    await renderCardImage({ kind: 'intro', stream: zhStream, brand, preset, templates, fonts, outFile: join(dir, 'c.png') });
    const [a, b, c] = await Promise.all(['a.png', 'b.png', 'c.png'].map((f) => pixels(join(dir, f))));
    expect(a!.data.equals(b!.data)).toBe(true);
    expect(a!.data.equals(c!.data)).toBe(false);
  });

  it('shrinks a very long title to fit instead of cutting it off', async () => {
    const dir = await freshDir();
    const preset = findPreset('landscape')!;
    const stream = { ...zhStream, title: '春茶节 · 西湖龙井专场 '.repeat(12) };
    const outFile = join(dir, 'long.png');
    await renderCardImage({ kind: 'intro', stream, brand, preset, templates, fonts, outFile });
    // Nothing drawn in the unsafe bands: the edges of the frame keep the plain background.
    const { data, width, height } = await pixels(outFile);
    const rowIsPlain = (y: number) => {
      for (let x = preset.safe.left; x < width - preset.safe.right; x++) {
        const i = (y * width + x) * 4;
        const j = (y * width + preset.safe.left) * 4;
        if (Math.abs(data[i]! - data[j]!) + Math.abs(data[i + 1]! - data[j + 1]!) + Math.abs(data[i + 2]! - data[j + 2]!) > 6) return false;
      }
      return true;
    };
    expect(rowIsPlain(Math.floor(preset.safe.top / 2))).toBe(true);
    expect(rowIsPlain(height - Math.ceil(preset.safe.bottom / 2))).toBe(true);
  });
});
