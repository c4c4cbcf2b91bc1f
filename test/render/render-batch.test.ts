// Real renders with the real ffmpeg, checked with ffprobe, loudness measurements and pixels.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeStill, makeVideo } from '../helpers/fixtures.ts';
import { extractFrame, imageSize, measureLoudness, probeFile, regionDifference } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli, TINY_SQUARE, type SpecDir } from '../helpers/spec-dir.ts';
import { twoProductSpec } from '../helpers/two-product-spec.ts';

let video: string;
let still: string;
let logo: string;
let music: string;

beforeAll(async () => {
  [video, still, logo, music] = await Promise.all([
    makeVideo({ width: 640, height: 360, duration: 4, audio: 'stereo', loud: -26 }),
    makeStill({ width: 800, height: 600, format: 'jpg' }),
    makeStill({ width: 256, height: 256, format: 'png' }),
    makeVideo({ width: 64, height: 64, duration: 3, audio: 'stereo', loud: -20, name: 'bgm-source.mp4' }),
  ]);
});

const baseSpec = twoProductSpec;

const files = () => ({ 'footage/tea.mp4': video, 'footage/cup.jpg': still, 'brand/logo.png': logo });

describe('promo render', () => {
  let dir: SpecDir;
  let first: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    dir = await makeSpecDir(baseSpec(), { files: files() });
    first = await runCli(['render', dir.spec, '--config', dir.config]);
  });

  it('exits 0 and writes every video, cover and the reel with a manifest', async () => {
    expect(first.stderr).toContain('TEA-001');
    expect(first.code).toBe(0);
    for (const sku of ['TEA-001', 'CUP-002']) {
      for (const preset of ['small', 'tiny']) {
        expect(existsSync(join(dir.out, sku, `${preset}.mp4`))).toBe(true);
        expect(existsSync(join(dir.out, sku, `${preset}.jpg`))).toBe(true);
      }
    }
    const manifest = JSON.parse(await readFile(join(dir.out, 'manifest.json'), 'utf8'));
    expect(manifest.failures).toEqual([]);
    const kinds = manifest.artifacts.map((a: { sku: string | null; preset: string; kind: string }) => `${a.sku ?? 'reel'}/${a.preset}/${a.kind}`).sort();
    expect(kinds).toEqual([
      'CUP-002/small/cover', 'CUP-002/small/video', 'CUP-002/tiny/cover', 'CUP-002/tiny/video',
      'TEA-001/small/cover', 'TEA-001/small/video', 'TEA-001/tiny/cover', 'TEA-001/tiny/video',
      'reel/small/cover', 'reel/small/reel', 'reel/tiny/cover', 'reel/tiny/reel',
    ]);
    for (const artifact of manifest.artifacts) {
      const bytes = await readFile(join(dir.out, artifact.path));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(artifact.sha256);
      expect(artifact.bytes).toBe(bytes.length);
    }
    // Nothing temporary is left behind.
    const leftovers = (await import('node:fs')).readdirSync(join(dir.out, 'TEA-001')).filter((f) => f.startsWith('.'));
    expect(leftovers).toEqual([]);
  });

  it('makes videos with exactly the promised streams, sizes, rates and durations', async () => {
    const cases = [
      // intro 1 + 1.0 + 1.2 + outro 1
      { file: 'TEA-001/small.mp4', width: 360, height: 640, duration: 4.2 },
      { file: 'CUP-002/tiny.mp4', width: 240, height: 240, duration: 3.5 },
      { file: 'reel/small.mp4', width: 360, height: 640, duration: 1 + 1 + 1.2 + 1.5 + 1 },
    ];
    for (const c of cases) {
      const probe = await probeFile(join(dir.out, c.file), { countFrames: true });
      expect(probe.streams.length, c.file).toBe(2);
      const [v] = probe.video;
      const [a] = probe.audio;
      expect(v!.codec_name).toBe('h264');
      expect(v!.profile).toBe('High');
      expect(v!.pix_fmt).toBe('yuv420p');
      expect([v!.width, v!.height]).toEqual([c.width, c.height]);
      expect(v!.sample_aspect_ratio ?? '1:1').toBe('1:1');
      expect(v!.r_frame_rate).toBe('30/1');
      expect(v!.avg_frame_rate).toBe('30/1');
      expect(v!.color_space).toBe('bt709');
      expect(v!.color_primaries).toBe('bt709');
      expect(v!.color_transfer).toBe('bt709');
      expect(v!.nb_read_frames).toBe(Math.round(c.duration * 30));
      expect(Math.abs(v!.duration! - c.duration), c.file).toBeLessThanOrEqual(1 / 30 + 1e-3);
      expect(a!.codec_name).toBe('aac');
      expect(a!.profile).toBe('LC');
      expect(a!.sample_rate).toBe(48000);
      expect(a!.channels).toBe(2);
      expect(Math.abs(a!.duration! - v!.duration!), c.file).toBeLessThanOrEqual(1 / 30);
      // +faststart: the moov box comes before mdat.
      const head = (await readFile(join(dir.out, c.file))).subarray(0, 64 * 1024).toString('latin1');
      expect(head.indexOf('moov')).toBeGreaterThan(0);
      expect(head.indexOf('moov')).toBeLessThan(head.indexOf('mdat') === -1 ? Infinity : head.indexOf('mdat'));
    }
  });

  it('normalises loudness to the target within 1 LU with true peak at or under -1 dBTP', async () => {
    for (const file of ['TEA-001/small.mp4', 'reel/tiny.mp4']) {
      const loudness = await measureLoudness(join(dir.out, file));
      expect(Math.abs(loudness.integrated - -14), file).toBeLessThanOrEqual(1);
      expect(loudness.truePeak, file).toBeLessThanOrEqual(-1);
    }
  });

  it('keeps a silent product silent', async () => {
    // The still has no sound and there is no music: its video must stay digital silence.
    const loudness = await measureLoudness(join(dir.out, 'CUP-002', 'small.mp4'));
    expect(loudness.integrated).toBe(-Infinity);
  });

  it('draws captions over the picture while they show', async () => {
    // Same spec without captions, compared in the lower half of the frame during the caption.
    const plain = await makeSpecDir(baseSpec({
      products: [{ sku: 'TEA-001', name: '明前龙井', price: 99, originalPrice: 199, footage: 'footage/tea.mp4', clips: [{ in: 0.5, out: 1.5 }, { in: 2, out: 3.2 }] }],
      reel: false,
    }), { files: files() });
    const result = await runCli(['render', plain.spec, '--config', plain.config, '--preset', 'small']);
    expect(result.code).toBe(0);
    const at = 1.5; // inside the first clip (the intro lasts 1 s)
    const withCaption = await extractFrame(join(dir.out, 'TEA-001', 'small.mp4'), at);
    const without = await extractFrame(join(plain.out, 'TEA-001', 'small.mp4'), at);
    expect(await regionDifference(withCaption, without, { x: 0, y: 320, width: 360, height: 320 })).toBeGreaterThan(3);
    // The badge and logo are the same in both: the top of the frame matches.
    expect(await regionDifference(withCaption, without, { x: 0, y: 0, width: 360, height: 60 })).toBeLessThan(1.5);
  });

  it("gives the reel its intro card as cover, not a product's frame", async () => {
    const cover = await readFile(join(dir.out, 'reel', 'small.jpg'));
    expect(await imageSize(cover)).toEqual({ width: 360, height: 640 });
    const whole = { x: 0, y: 0, width: 360, height: 640 };
    // The reel opens on the intro card: its cover shows the same picture (up to JPEG and H.264 loss) …
    const introFrame = await extractFrame(join(dir.out, 'reel', 'small.mp4'), 0.5);
    expect(await regionDifference(cover, introFrame, whole)).toBeLessThan(4);
    // … and not the first product's cover.
    const productCover = await readFile(join(dir.out, 'TEA-001', 'small.jpg'));
    expect(await regionDifference(cover, productCover, whole)).toBeGreaterThan(10);
  });

  it('renders nothing again for an unchanged spec, and only the edited product after a caption change', async () => {
    const again = await runCli(['render', dir.spec, '--config', dir.config, '--json']);
    expect(again.code).toBe(0);
    const result = JSON.parse(again.stdout);
    expect(result.jobs.map((j: { status: string }) => j.status)).toEqual(['cached', 'cached', 'cached']);
    const before = await stat(join(dir.out, 'CUP-002', 'small.mp4'));

    const text = await readFile(dir.spec, 'utf8');
    await writeFile(dir.spec, text.replace('手工青瓷 一杯一世界', '手工青瓷 今晚只要39'));
    const edited = JSON.parse((await runCli(['render', dir.spec, '--config', dir.config, '--json'])).stdout);
    const status = Object.fromEntries(edited.jobs.map((j: { name: string; status: string }) => [j.name, j.status]));
    expect(status).toEqual({ 'TEA-001': 'cached', 'CUP-002': 'rendered', reel: 'rendered' });
    expect((await stat(join(dir.out, 'CUP-002', 'small.mp4'))).mtimeMs).toBeGreaterThan(before.mtimeMs);
  });
});

describe('promo render --dry-run', () => {
  it('prints the ffmpeg commands and writes no outputs; captions never reach the command', async () => {
    const dir = await makeSpecDir(baseSpec({ reel: false }), { files: files() });
    const result = await runCli(['render', dir.spec, '--config', dir.config, '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/ffmpeg .*-filter_complex/);
    expect(result.stdout).not.toContain('drawtext');
    expect(result.stdout).not.toContain('明前龙井');
    expect(existsSync(join(dir.out, 'TEA-001', 'small.mp4'))).toBe(false);
    expect(existsSync(join(dir.out, 'manifest.json'))).toBe(false);
  });
});

describe('music', () => {
  it('mixes a looped bed under the footage and still meets the loudness target', async () => {
    const dir = await makeSpecDir(baseSpec({
      products: [{ sku: 'TEA-001', footage: 'footage/tea.mp4', clips: [{ in: 0, out: 3.5 }] }],
      outputs: [TINY_SQUARE],
      music: 'brand/bgm.m4a',
      reel: false,
    }), { files: { ...files(), 'brand/bgm.m4a': music } });
    const result = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(result.code, result.stderr).toBe(0);
    const file = join(dir.out, 'TEA-001', 'tiny.mp4');
    const loudness = await measureLoudness(file);
    expect(Math.abs(loudness.integrated - -14)).toBeLessThanOrEqual(1);
    // The bed runs under the cards too (the footage alone would leave them silent), and it is
    // longer than the 3 s music file: it loops.
    const probe = await probeFile(file);
    expect(probe.audio[0]!.duration).toBeCloseTo(5.5, 1);
  });
});
