import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FontSet } from '../../src/graphics/graphics-types.ts';
import { loadTemplates } from '../../src/graphics/load-templates.ts';
import { prepareFonts } from '../../src/graphics/prepare-fonts.ts';
import { renderCaptionImage } from '../../src/graphics/render-caption-image.ts';
import { findPreset } from '../../src/presets/presets.ts';
import { PromoError } from '../../src/util/promo-error.ts';
import { freshDir, pixels } from './graphics-test-helpers.ts';

let fonts: FontSet;
beforeAll(async () => {
  fonts = await prepareFonts();
});

async function loadError(overrideDir: string): Promise<PromoError> {
  try {
    await loadTemplates({ overrideDir });
  } catch (error) {
    if (error instanceof PromoError) return error;
    throw error;
  }
  throw new Error('loadTemplates accepted a broken template');
}

describe('loadTemplates', () => {
  it('loads every built-in template', async () => {
    const set = await loadTemplates({});
    expect(Object.keys(set.captions).sort()).toEqual(['bold', 'clean', 'default']);
    expect(set.intro.file).toBe(join(set.builtinDir, 'intro.yaml'));
    expect(set.intro.value.layers.length).toBeGreaterThan(0);
    expect(set.overrideDir).toBeUndefined();
  });

  it('takes a file from the override folder and keeps the others built in', async () => {
    const dir = await freshDir();
    await mkdir(join(dir, 'captions'));
    const builtin = await loadTemplates({});
    const original = await readFile(builtin.captions.default!.file, 'utf8');
    await writeFile(join(dir, 'captions', 'default.yaml'), original.replace("color: '#FFFFFF'", "color: '#FF0000'"));
    await writeFile(join(dir, 'captions', 'neon.yaml'), 'size: 0.05\ncolor: "#00FF00"\n');
    await writeFile(join(dir, 'README.md'), 'not a template\n');
    const set = await loadTemplates({ overrideDir: dir });
    expect(set.captions.default!.file).toBe(join(dir, 'captions', 'default.yaml'));
    expect(set.captions.bold!.file).toBe(builtin.captions.bold!.file);
    expect(set.badge.file).toBe(builtin.badge.file);
    expect(set.captions.neon!.value.color).toBe('#00FF00');
    expect(set.captions.default!.hash).not.toBe(builtin.captions.default!.hash);

    // And the override is what gets drawn: the default caption is now red.
    const outDir = await freshDir();
    const image = await renderCaptionImage({ text: '明前龙井', preset: findPreset('douyin')!, templates: set, fonts, outDir });
    const { data } = await pixels(image.path);
    let red = 0;
    for (let p = 0; p < data.length; p += 4) if (data[p]! > 220 && data[p + 1]! < 40 && data[p + 2]! < 40 && data[p + 3]! > 240) red++;
    expect(red).toBeGreaterThan(500);
  });

  it('reports every problem of a broken template with file:line:col', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'intro.yaml'), [
      'layers:',
      '  - type: text',
      '    box: { x: 0, y: 0, w: 1, h: 1 }',
      '    items:',
      "      - text: '{{stream.titel}}'",
      '        size: 2',
      "        colour: '#FFFFFF'",
      '  - type: image',
      '    src: missing.png',
      '    box: { x: 0, y: 0, w: 1, h: 1 }',
      '',
    ].join('\n'));
    const error = await loadError(dir);
    expect(error.code).toBe('ASSET_INVALID');
    const file = join(dir, 'intro.yaml');
    expect(error.message).toContain(`${file}:5:15 layers[0].items[0].text: unknown placeholder {{stream.titel}}`);
    expect(error.message).toContain(`${file}:6:15 layers[0].items[0].size:`);
    expect(error.message).toContain(`${file}:7:9 layers[0].items[0].colour: unknown field \`colour\` (did you mean \`color\`?); rename it — allowed here: text, weight, size, color`);
    // Schema problems come first; a missing image is found once the shape is right.
    await writeFile(file, 'layers:\n  - type: image\n    src: missing.png\n    box: { x: 0, y: 0, w: 1, h: 1 }\n');
    expect((await loadError(dir)).message).toContain(`${file}:3:10 layers[0].src: image not found`);
  });

  it('reports YAML syntax errors and bad colours with their place', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'badge.yaml'), 'price:\n  size: 0.07\n  color: "#GGG"\n');
    await writeFile(join(dir, 'logo.yaml'), 'maxWidth: [0.2\n');
    const error = await loadError(dir);
    expect(error.message).toMatch(new RegExp(`${join(dir, 'badge.yaml')}:3:10 price.color: expected a colour`));
    expect(error.message).toMatch(new RegExp(`${join(dir, 'logo.yaml')}:\\d+:\\d+ `));
  });

  it('refuses a misnamed template file and a missing folder', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'intro.yml'), 'layers: []\n');
    expect((await loadError(dir)).message).toContain(`${join(dir, 'intro.yml')}:1:1 not a template name`);
    await expect(loadTemplates({ overrideDir: join(dir, 'nope') })).rejects.toMatchObject({ code: 'ASSET_INVALID' });
  });

  it('uses images next to an override template', async () => {
    const dir = await freshDir();
    const png = join(dir, 'pattern.png');
    await sharp({ create: { width: 4, height: 4, channels: 3, background: '#00FF00' } }).png().toFile(png);
    await writeFile(join(dir, 'outro.yaml'), 'layers:\n  - type: image\n    src: pattern.png\n    box: { x: 0, y: 0, w: 1, h: 1, in: frame }\n    fit: cover\n');
    const set = await loadTemplates({ overrideDir: dir });
    const layer = set.outro.value.layers[0];
    expect(layer?.type === 'image' ? layer.src : undefined).toBe(png);
  });
});
