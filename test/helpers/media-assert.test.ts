// Proves the measuring helpers measure right, against signals whose values are known independently.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cached, fixturePath, makePresetVideo, makeVideo } from './fixtures.ts';
import { makeTempDir } from './make-temp-dir.ts';
import {
  extractFrame, ffmpeg, ffprobePath, imageSize, meanColour, measureLoudness, parseEbur128Summary, probeFile,
  regionDifference, videoTimestamps,
} from './media-assert.ts';

/** A WAV made straight from an aevalsrc expression (not through the fixtures' calibration). */
async function wav(name: string, expr: string, layout: string, seconds = 5): Promise<string> {
  // Through cached(): written beside its name and renamed in, so a run beside it never reads half a WAV.
  return cached(fixturePath(`assert-${name}.wav`), (tmp) => ffmpeg(['-y', '-v', 'error', '-f', 'lavfi', '-i',
    `aevalsrc=${expr}:c=${layout}:s=48000:d=${seconds}`, '-c:a', 'pcm_s16le', tmp]).then(() => undefined));
}

describe('ffprobe binary', () => {
  it('is executable', async () => {
    const { accessSync, constants } = await import('node:fs');
    expect(() => accessSync(ffprobePath(), constants.X_OK)).not.toThrow();
  });
});

describe('measureLoudness', () => {
  it('EBU Tech 3341 case: a 997 Hz stereo sine at -23 dBFS measures -23 LUFS (±0.5), peak -23 dBTP', async () => {
    const a = 10 ** (-23 / 20);
    const file = await wav('sine-23', `${a}*sin(2*PI*997*t)|${a}*sin(2*PI*997*t)`, 'stereo');
    const l = await measureLoudness(file);
    expect(Math.abs(l.integrated + 23)).toBeLessThan(0.5);
    expect(Math.abs(l.truePeak + 23)).toBeLessThan(0.5);
    expect(l.lra).toBeLessThan(1);
  });

  it('a -20 dBFS sine 6 dB quieter measures 6 LU lower', async () => {
    const a = 10 ** (-20 / 20);
    const b = 10 ** (-26 / 20);
    const loud = await measureLoudness(await wav('sine-20', `${a}*sin(2*PI*997*t)|${a}*sin(2*PI*997*t)`, 'stereo'));
    const quiet = await measureLoudness(await wav('sine-26', `${b}*sin(2*PI*997*t)|${b}*sin(2*PI*997*t)`, 'stereo'));
    expect(Math.abs(loud.integrated + 20)).toBeLessThan(0.5);
    expect(Math.abs(loud.integrated - quiet.integrated - 6)).toBeLessThan(0.2);
  });

  it('digital silence measures -Infinity (≤ -70)', async () => {
    const l = await measureLoudness(await wav('silence', '0|0', 'stereo', 2));
    expect(l.integrated).toBeLessThanOrEqual(-70);
    expect(l.integrated).toBe(Number.NEGATIVE_INFINITY);
    expect(l.truePeak).toBe(Number.NEGATIVE_INFINITY);
  });

  it('a fixture asked for -23 LUFS measures -23 ± 0.5 after AAC encoding', async () => {
    const l = await measureLoudness(await makeVideo({ loud: -23, duration: 3, width: 320, height: 180 }));
    expect(Math.abs(l.integrated + 23)).toBeLessThan(0.5);
  });

  it('rejects a file without audio', async () => {
    await expect(measureLoudness(await makePresetVideo('noAudio'))).rejects.toThrow();
  });

  it('parses the summary block', () => {
    const text = `[Parsed_ebur128_0 @ 0x1] Summary:

  Integrated loudness:
    I:         -16.3 LUFS
    Threshold: -26.5 LUFS

  Loudness range:
    LRA:         2.1 LU
    Threshold: -36.6 LUFS
    LRA low:   -17.2 LUFS
    LRA high:  -15.1 LUFS

  True peak:
    Peak:       -1.2 dBFS`;
    expect(parseEbur128Summary(text)).toEqual({ integrated: -16.3, truePeak: -1.2, lra: 2.1 });
    expect(parseEbur128Summary(text.replace('-16.3', '-70.0').replace('-1.2 dBFS', '-inf dBFS')))
      .toEqual({ integrated: Number.NEGATIVE_INFINITY, truePeak: Number.NEGATIVE_INFINITY, lra: 2.1 });
    expect(() => parseEbur128Summary('no summary')).toThrow();
  });
});

describe('probeFile', () => {
  it('summarises streams and format', async () => {
    const file = await makePresetVideo('extraStreams');
    const p = await probeFile(file);
    expect(p.format.nb_streams).toBe(4);
    expect(p.format.duration).toBeCloseTo(2, 1);
    expect(p.format.size).toBeGreaterThan(1000);
    const v = p.video[0]!;
    expect(v.index).toBe(0);
    expect(v.profile).toBe('High');
    expect(v.r_fps).toBe(30);
    expect(v.avg_fps).toBe(30);
    expect(v.nb_frames).toBe(60);
    expect(v.nb_read_frames).toBeUndefined();
    expect(p.audio[0]).toMatchObject({ sample_rate: 48000, channels: 2, channel_layout: 'stereo' });
  });

  it('counts decoded frames only when asked', async () => {
    const p = await probeFile(await makePresetVideo('fps25'), { countFrames: true });
    expect(p.video[0]!.nb_read_frames).toBe(50);
  });

  it('passes input options (a format whitelist refuses an HLS playlist)', async () => {
    const file = await makePresetVideo('mov');
    // Allowed: probed as usual (its one video stream is there).
    expect((await probeFile(file, { inputArgs: ['-format_whitelist', 'mov,mp4,m4a,3gp,3g2,mj2'] })).video).toHaveLength(1);
    await expect(probeFile(file, { inputArgs: ['-format_whitelist', 'matroska'] })).rejects.toThrow(/whitelist/);
  });

  it('lists packet timestamps', async () => {
    const ts = await videoTimestamps(await makePresetVideo('fps25'));
    expect(ts).toHaveLength(50);
    expect(ts[1]! - ts[0]!).toBeCloseTo(0.04, 5);
  });

  it('rejects a missing file', async () => {
    await expect(probeFile(fixturePath('does-not-exist.mp4'))).rejects.toThrow();
  });
});

describe('extractFrame / regionDifference / meanColour', () => {
  it('extracts a full-size PNG and writes it when asked', async () => {
    const file = await makeVideo({ width: 320, height: 180, duration: 1 });
    // A folder of its own: a run beside this one would remove and rewrite a shared PNG under it.
    const out = join(makeTempDir('promo-assert-frame-'), 'frame.png');
    const png = await extractFrame(file, 0.5, out);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(await imageSize(png)).toEqual({ width: 320, height: 180 });
    expect((await readFile(out)).equals(png)).toBe(true);
  });

  it('seeks accurately: the same time twice is identical, different times differ', async () => {
    const file = await makeVideo({ width: 320, height: 180, duration: 2 });
    const rect = { x: 0, y: 0, width: 320, height: 180 };
    const a = await extractFrame(file, 1.0);
    const b = await extractFrame(file, 1.0);
    expect(await regionDifference(a, b, rect)).toBe(0);
    const c = await extractFrame(file, 0.3);
    expect(await regionDifference(a, c, rect)).toBeGreaterThan(0.5);
    // The frame shown at t is frame floor(t·fps): 1.0 s and 1.02 s are the same frame (30 fps).
    expect(await regionDifference(a, await extractFrame(file, 1.02), rect)).toBe(0);
    expect(await regionDifference(a, await extractFrame(file, 1.04), rect)).toBeGreaterThan(0);
  });

  it('a frame against its inverse differs a lot; the red marker region stays zero against itself', async () => {
    const file = await makeVideo({ width: 320, height: 180, duration: 1 });
    const frame = await extractFrame(file, 0.5);
    const inverted = await sharp(frame).negate({ alpha: false }).png().toBuffer();
    const all = { x: 0, y: 0, width: 320, height: 180 };
    expect(await regionDifference(frame, inverted, all)).toBeGreaterThan(60);
    // Red block (255,0,0) vs its inverse (0,255,255): every channel differs by ~255.
    expect(await regionDifference(frame, inverted, { x: 5, y: 5, width: 40, height: 20 })).toBeGreaterThan(240);
  });

  it('measures exact colours and differences on synthetic images', async () => {
    const solid = (r: number, g: number, b: number) =>
      sharp({ create: { width: 100, height: 50, channels: 3, background: { r, g, b } } }).png().toBuffer();
    const a = await solid(10, 20, 30);
    const b = await solid(20, 20, 60);
    expect(await meanColour(a)).toEqual({ r: 10, g: 20, b: 30 });
    expect(await regionDifference(a, b, { x: 0, y: 0, width: 100, height: 50 })).toBeCloseTo((10 + 0 + 30) / 3, 6);
    // Half-and-half image: the rect picks the half.
    const half = await sharp(a).composite([{ input: await solid(200, 100, 0).then((x) => sharp(x).resize(50, 50).toBuffer()), left: 50, top: 0 }]).png().toBuffer();
    expect(await meanColour(half, { x: 50, y: 0, width: 50, height: 50 })).toEqual({ r: 200, g: 100, b: 0 });
    expect(await meanColour(half)).toEqual({ r: 105, g: 60, b: 15 });
    // Alpha is ignored.
    const rgba = await sharp({ create: { width: 10, height: 10, channels: 4, background: { r: 1, g: 2, b: 3, alpha: 0.5 } } }).png().toBuffer();
    expect(await meanColour(rgba)).toEqual({ r: 1, g: 2, b: 3 });
  });

  it('refuses a rect outside the image and a time past the end', async () => {
    const file = await makeVideo({ width: 320, height: 180, duration: 1 });
    const frame = await extractFrame(file, 0);
    await expect(regionDifference(frame, frame, { x: 300, y: 0, width: 40, height: 10 })).rejects.toThrow(/outside/);
    await expect(extractFrame(file, 5)).rejects.toThrow(/no frame/);
  });
});
