// Footage as phones and cameras really make it: rotated, variable frame rate, odd sizes,
// non-square pixels, 4K HEVC, other frame rates, any audio layout, extra streams, stills with
// EXIF orientation, names with shell and filter metacharacters. Every output must still be the
// same clean H.264/AAC file.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePresetVideo, makeStill, type VideoPresetName } from '../helpers/fixtures.ts';
import { extractFrame, meanColour, measureLoudness, probeFile } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';

const SOURCES: VideoPresetName[] = [
  'phonePortrait', 'rotate180', 'vfr', 'oddSize', 'anamorphic', 'hevc4k', 'fps25', 'fps60',
  'noAudio', 'mono', 'surround51', 'twoTracks', 'extraStreams', 'mkvExtra', 'weirdName',
];

describe('odd sources', () => {
  const files: Record<string, string> = {};
  let out = '';
  let code: number | null = null;
  let stderr = '';

  beforeAll(async () => {
    const paths = await Promise.all(SOURCES.map((name) => makePresetVideo(name)));
    const products = SOURCES.map((name, i) => {
      const ext = paths[i]!.slice(paths[i]!.lastIndexOf('.'));
      const file = name === 'weirdName' ? "f/it's [x] 50% ;茶.mp4" : `f/${name}${ext}`;
      files[file] = paths[i]!;
      return { sku: `S-${i}`, name, footage: file, clips: [{ in: 0, out: 0.9 }] };
    });
    const exif = await makeStill({ width: 300, height: 400, format: 'jpg', orientation: 6 });
    files['f/exif.jpg'] = exif;
    const all: object[] = [...products, { sku: 'EXIF', name: 'exif', footage: 'f/exif.jpg', clips: [{ duration: 1 }] }];
    const dir = await makeSpecDir({
      stream: { title: 'odd' },
      products: all,
      // Pad with the brand colour: a wrongly rotated picture shows as bars where there should be none.
      outputs: [{ name: 'portrait', width: 180, height: 320 }],
      fit: 'pad',
      brand: { color: '#0000FF' },
      intro: false,
      outro: false,
      quality: 'draft',
    }, { files });
    const result = await runCli(['render', dir.spec, '--config', dir.config]);
    code = result.code;
    stderr = result.stderr;
    out = dir.out;
  });

  it('renders every one of them', () => {
    expect(stderr).not.toMatch(/✘/);
    expect(code, stderr).toBe(0);
  });

  it('always writes one H.264 and one stereo AAC stream at a constant 30 fps', async () => {
    for (let i = 0; i < SOURCES.length; i++) {
      const probe = await probeFile(join(out, `S-${i}`, 'portrait.mp4'), { countFrames: true });
      const what = SOURCES[i];
      expect(probe.streams.map((s) => s.codec_type), what).toEqual(['video', 'audio']);
      const [v] = probe.video;
      const [a] = probe.audio;
      expect([v!.width, v!.height], what).toEqual([180, 320]);
      expect(v!.r_frame_rate, what).toBe('30/1');
      expect(v!.avg_frame_rate, what).toBe('30/1');
      expect(v!.nb_read_frames, what).toBe(27);
      expect(v!.sample_aspect_ratio ?? '1:1', what).toBe('1:1');
      expect(v!.pix_fmt, what).toBe('yuv420p');
      expect(a!.channels, what).toBe(2);
      expect(a!.sample_rate, what).toBe(48000);
      expect(Math.abs(a!.duration! - v!.duration!), what).toBeLessThanOrEqual(1 / 30);
    }
  });

  it('shows phone footage upright: the portrait clip fills the portrait frame', async () => {
    // Fixture pictures have a red block top-left and a green block bottom-right when upright.
    const index = SOURCES.indexOf('phonePortrait');
    const frame = await extractFrame(join(out, `S-${index}`, 'portrait.mp4'), 0.5);
    const topLeft = await meanColour(frame, { x: 5, y: 5, width: 20, height: 30 });
    const bottomRight = await meanColour(frame, { x: 155, y: 285, width: 20, height: 30 });
    expect(topLeft.r).toBeGreaterThan(150);
    expect(topLeft.g).toBeLessThan(90);
    expect(bottomRight.g).toBeGreaterThan(150);
    expect(bottomRight.r).toBeLessThan(90);
    // And a 180° clip is turned back: red is top-left of the picture band, not bottom-right.
    const turned = await extractFrame(join(out, `S-${SOURCES.indexOf('rotate180')}`, 'portrait.mp4'), 0.5);
    // 640×360 padded into 180×320: the picture is 180×102, centred vertically (y 109..211).
    const red = await meanColour(turned, { x: 3, y: 112, width: 20, height: 10 });
    expect(red.r).toBeGreaterThan(150);
    expect(red.b).toBeLessThan(100);
  });

  it('applies EXIF orientation to stills', async () => {
    const frame = await extractFrame(join(out, 'EXIF', 'portrait.mp4'), 0.05);
    // 300×400 padded into 180×320: the picture is 180×240 at y 40; its red block is 30×40.
    const topLeft = await meanColour(frame, { x: 5, y: 50, width: 15, height: 15 });
    expect(topLeft.r).toBeGreaterThan(150);
    expect(topLeft.g).toBeLessThan(90);
  });

  it('gives footage without sound a silent track, and keeps a mono or 5.1 source audible', async () => {
    expect((await measureLoudness(join(out, `S-${SOURCES.indexOf('noAudio')}`, 'portrait.mp4'))).integrated).toBe(-Infinity);
    for (const name of ['mono', 'surround51', 'twoTracks'] as const) {
      const loudness = await measureLoudness(join(out, `S-${SOURCES.indexOf(name)}`, 'portrait.mp4'));
      expect(Math.abs(loudness.integrated - -14), name).toBeLessThanOrEqual(1);
    }
  });
});

describe('an output folder named like an image-sequence pattern', () => {
  it('renders into `50%d off [x]` (the drawn images are read as single files, not as frame patterns)', async () => {
    const [video, still] = await Promise.all([makePresetVideo('phonePortrait'), makeStill({ width: 300, height: 400, format: 'png' })]);
    const dir = await makeSpecDir({
      stream: { title: '百分之五十' },
      products: [
        { sku: 'V-1', price: 9, footage: 'f/v.mp4', clips: [{ in: 0, out: 0.6, caption: '五折 50%d' }] },
        { sku: 'S-1', footage: 'f/s.png', clips: [{ duration: 0.6 }] },
      ],
      outputs: [{ name: 'portrait', width: 180, height: 320 }],
      intro: { duration: 0.5 },
      outro: false,
      reel: true,
      quality: 'draft',
    }, { files: { 'f/v.mp4': video, 'f/s.png': still } });
    const out = join(dir.dir, '50%d off [x]');
    const result = await runCli(['render', dir.spec, '--config', dir.config, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    for (const file of ['V-1/portrait.mp4', 'S-1/portrait.mp4', 'reel/portrait.mp4']) {
      const probe = await probeFile(join(out, file), { countFrames: true });
      expect(probe.video[0]!.nb_read_frames, file).toBe(file.startsWith('reel') ? 15 + 18 + 18 : 15 + 18);
    }
  });
});
