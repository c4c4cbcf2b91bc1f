// Each output's own `fit` reaches the pixels of its video, its cover and its preview: two outputs
// of one product differ (pad bars in one, none in the other), and a product's `fit` beats both.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeVideo } from '../helpers/fixtures.ts';
import { extractFrame, meanColour, type Rect } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli, type SpecDir } from '../helpers/spec-dir.ts';

// 640×360 footage in a 180×320 frame: padded, the picture is a 180×102 band at y 109..211 and
// the rest is the brand colour; cropped, the picture fills the frame.
const ABOVE_PICTURE: Rect = { x: 40, y: 40, width: 100, height: 50 };
const BLUE = '#0000FF';

/** Whether the region is the brand blue of the pad bars. */
async function isPadBar(png: Buffer): Promise<boolean> {
  const { r, g, b } = await meanColour(png, ABOVE_PICTURE);
  return b > 200 && r < 50 && g < 50;
}

describe('per-output fit', () => {
  let dir: SpecDir;
  let render = { code: null as number | null, stderr: '' };
  let preview = { code: null as number | null, stderr: '' };

  beforeAll(async () => {
    const footage = await makeVideo({ width: 640, height: 360, duration: 2, audio: 'stereo' });
    dir = await makeSpecDir({
      stream: { title: 'fit' },
      brand: { color: BLUE },
      products: [
        { sku: 'PLAIN', footage: 'tea.mp4', clips: [{ in: 0, out: 1 }] },
        // The product's own fit wins over every output's.
        { sku: 'OWN', footage: 'tea.mp4', fit: 'crop', clips: [{ in: 0, out: 1 }] },
      ],
      outputs: [
        { name: 'padded', width: 180, height: 320, fit: 'pad' },
        { name: 'cropped', width: 180, height: 320 },
      ],
      // The spec's fit applies to outputs that name none, and loses to an output's own.
      fit: 'crop',
      intro: false,
      outro: false,
      quality: 'draft',
    }, { files: { 'tea.mp4': footage } });
    render = await runCli(['render', dir.spec, '--config', dir.config]);
    preview = await runCli(['preview', dir.spec, '--config', dir.config]);
  });

  it('renders and previews', () => {
    expect(render.code, render.stderr).toBe(0);
    expect(preview.code, preview.stderr).toBe(0);
  });

  it('pads the video of the output that asks for pad, and crops the other', async () => {
    const padded = await extractFrame(join(dir.out, 'PLAIN', 'padded.mp4'), 0.5, join(dir.dir, 'padded-frame.png'));
    const cropped = await extractFrame(join(dir.out, 'PLAIN', 'cropped.mp4'), 0.5, join(dir.dir, 'cropped-frame.png'));
    expect(await isPadBar(padded)).toBe(true);
    expect(await isPadBar(cropped)).toBe(false);
  });

  it('draws each cover on a frame fitted like its video', async () => {
    expect(await isPadBar(await readFile(join(dir.out, 'PLAIN', 'padded.jpg')))).toBe(true);
    expect(await isPadBar(await readFile(join(dir.out, 'PLAIN', 'cropped.jpg')))).toBe(false);
  });

  it('draws each preview on a frame fitted like its video', async () => {
    expect(await isPadBar(await readFile(join(dir.out, 'preview', 'PLAIN', 'padded.png')))).toBe(true);
    expect(await isPadBar(await readFile(join(dir.out, 'preview', 'PLAIN', 'cropped.png')))).toBe(false);
  });

  it("keeps a product's own fit in every output, video, cover and preview", async () => {
    expect(await isPadBar(await extractFrame(join(dir.out, 'OWN', 'padded.mp4'), 0.5))).toBe(false);
    expect(await isPadBar(await readFile(join(dir.out, 'OWN', 'padded.jpg')))).toBe(false);
    expect(await isPadBar(await readFile(join(dir.out, 'preview', 'OWN', 'padded.png')))).toBe(false);
  });
});
