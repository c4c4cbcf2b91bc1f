import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TemplateSet } from '../../src/graphics/graphics-types.ts';
import { loadTemplates } from '../../src/graphics/load-templates.ts';
import { renderLogoImage } from '../../src/graphics/render-logo-image.ts';
import { PRESETS } from '../../src/presets/presets.ts';
import { freshDir, pixels } from './graphics-test-helpers.ts';

let templates: TemplateSet;
beforeAll(async () => {
  templates = await loadTemplates({});
});

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect x="10" y="5" width="20" height="10" fill="#1f8f4e"/></svg>';

describe('renderLogoImage', () => {
  it('scales the logo to the template size at the top-right of the safe area, margins trimmed', async () => {
    const dir = await freshDir();
    const logo = join(dir, 'logo.svg');
    await writeFile(logo, SVG);
    for (const preset of PRESETS) {
      const image = await renderLogoImage({ logo, preset, templates, outDir: dir });
      const unit = Math.min(preset.width, preset.height);
      // The visible 2:1 rectangle, scaled up to the largest size the template allows.
      // (±2 px: antialiased edges of the trimmed rectangle.)
      expect(Math.abs(image.width - templates.logo.value.maxHeight * unit * 2), preset.name).toBeLessThanOrEqual(2);
      expect(Math.abs(image.height - templates.logo.value.maxHeight * unit), preset.name).toBeLessThanOrEqual(2);
      expect(image.x + image.width).toBe(preset.width - preset.safe.right);
      expect(image.y).toBe(preset.safe.top);
      const { data } = await pixels(image.path);
      // Sharp (not a blurry upscale): the centre pixel is the logo colour, fully opaque.
      const centre = (Math.floor(image.height / 2) * image.width + Math.floor(image.width / 2)) * 4;
      expect([...data.subarray(centre, centre + 4)]).toEqual([0x1f, 0x8f, 0x4e, 255]);
    }
  });

  it('accepts PNG, JPEG and WebP and refuses a file that is not an image', async () => {
    const dir = await freshDir();
    const preset = PRESETS[0]!;
    for (const format of ['png', 'jpeg', 'webp'] as const) {
      const file = join(dir, `logo.${format}`);
      await sharp({ create: { width: 300, height: 100, channels: 3, background: '#123456' } }).toFormat(format).toFile(file);
      const image = await renderLogoImage({ logo: file, preset, templates, outDir: dir });
      expect(image.width / image.height).toBeCloseTo(3, 1);
    }
    const bad = join(dir, 'logo.png.txt');
    await writeFile(bad, 'this is not an image');
    await expect(renderLogoImage({ logo: bad, preset, templates, outDir: dir }))
      .rejects.toMatchObject({ code: 'ASSET_INVALID', message: expect.stringContaining(bad) });
    await expect(renderLogoImage({ logo: join(dir, 'missing.png'), preset, templates, outDir: dir }))
      .rejects.toMatchObject({ code: 'ASSET_INVALID' });
  });
});
