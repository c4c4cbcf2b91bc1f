// Proves the generated fixtures are what they claim, using ffprobe/ffmpeg directly.
import { existsSync, readdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  FIXTURES_DIR, VIDEO_PRESETS, fixturePath, formatSrt, makeBrokenFiles, makePresetVideo, makeSrt, makeStill,
  makeVideo, pseudoRandomBytes,
} from './fixtures.ts';
import {
  extractFrame, ffmpegPath, imageSize, meanColour, measureLoudness, probeFile, run, videoTimestamps,
} from './media-assert.ts';

const RED = { r: 255, g: 0, b: 0 };
const GREEN = { r: 0, g: 255, b: 0 };

function expectColour(actual: { r: number; g: number; b: number }, expected: { r: number; g: number; b: number }, tol = 25): void {
  expect(Math.abs(actual.r - expected.r), `r of ${JSON.stringify(actual)}`).toBeLessThan(tol);
  expect(Math.abs(actual.g - expected.g), `g of ${JSON.stringify(actual)}`).toBeLessThan(tol);
  expect(Math.abs(actual.b - expected.b), `b of ${JSON.stringify(actual)}`).toBeLessThan(tol);
}

/** Red top-left and green bottom-right markers, checked well inside each block. */
async function expectUpright(png: Buffer): Promise<void> {
  const { width, height } = await imageSize(png);
  const bw = Math.floor(width / 6);
  const bh = Math.floor(height / 6);
  const inset = (x: number, y: number) => ({ x: x + Math.floor(bw / 4), y: y + Math.floor(bh / 4), width: Math.floor(bw / 2), height: Math.floor(bh / 2) });
  expectColour(await meanColour(png, inset(0, 0)), RED);
  expectColour(await meanColour(png, inset(width - bw, height - bh)), GREEN);
}

describe('fixturePath', () => {
  it('resolves inside the fixtures folder and refuses escapes', () => {
    expect(fixturePath('a/b.mp4')).toBe(`${FIXTURES_DIR}/a/b.mp4`);
    expect(existsSync(`${FIXTURES_DIR}/a`)).toBe(true);
    expect(() => fixturePath('../../x')).toThrow();
  });
});

describe('makeVideo', () => {
  it('default: 640×360 30 fps H.264 yuv420p, 2 s, one stereo AAC 48 kHz track, square pixels, no rotation', async () => {
    const file = await makeVideo();
    const p = await probeFile(file, { countFrames: true });
    expect(p.format.format_name).toContain('mp4');
    expect(p.streams.map((s) => s.codec_type)).toEqual(['video', 'audio']);
    const v = p.video[0]!;
    expect(v).toMatchObject({ codec_name: 'h264', pix_fmt: 'yuv420p', width: 640, height: 360, r_frame_rate: '30/1', avg_frame_rate: '30/1', rotation: 0 });
    expect(v.sample_aspect_ratio ?? '1:1').toBe('1:1');
    expect(v.nb_read_frames).toBe(60);
    expect(v.duration).toBeCloseTo(2, 2);
    expect(p.audio[0]).toMatchObject({ codec_name: 'aac', channels: 2, channel_layout: 'stereo', sample_rate: 48000 });
    expect(p.audio[0]!.duration!).toBeGreaterThan(1.95);
    expect(p.audio[0]!.duration!).toBeLessThan(2.1);
    await expectUpright(await extractFrame(file, 1));
  });

  it('reuses the cached file and shares concurrent builds', async () => {
    const opts = { width: 320, height: 180, duration: 1, fps: 15 } as const;
    const [a, b] = await Promise.all([makeVideo(opts), makeVideo(opts)]);
    expect(a).toBe(b);
    const before = (await stat(a)).mtimeMs;
    expect(await makeVideo(opts)).toBe(a);
    expect((await stat(a)).mtimeMs).toBe(before);
    expect(readdirSync(dirname(a)).filter((n) => n.startsWith('.tmp-') && n.includes(`-${process.pid}-`))).toEqual([]);
  });

  it('4K HEVC: 3840×2160 hevc Main, hvc1 tag, 1 s', async () => {
    const p = await probeFile(await makePresetVideo('hevc4k'));
    expect(p.video[0]).toMatchObject({ codec_name: 'hevc', codec_tag_string: 'hvc1', profile: 'Main', width: 3840, height: 2160, pix_fmt: 'yuv420p' });
    expect(p.format.duration).toBeCloseTo(1, 1);
  });

  it('odd size: 1279×721 H.264 High 4:4:4, decodes', async () => {
    const file = await makePresetVideo('oddSize');
    const p = await probeFile(file);
    expect(p.video[0]).toMatchObject({ codec_name: 'h264', width: 1279, height: 721, pix_fmt: 'yuv444p', profile: 'High 4:4:4 Predictive' });
    const png = await extractFrame(file, 0.5);
    expect(await imageSize(png)).toEqual({ width: 1279, height: 721 });
    await expectUpright(png);
  });

  it('non-square pixels: 1440×1080 coded, SAR 4:3, DAR 16:9', async () => {
    const p = await probeFile(await makePresetVideo('anamorphic'));
    expect(p.video[0]).toMatchObject({ width: 1440, height: 1080, sample_aspect_ratio: '4:3', display_aspect_ratio: '16:9' });
  });

  it('VFR: r_frame_rate differs from avg_frame_rate and frame durations vary', async () => {
    const file = await makePresetVideo('vfr');
    const v = (await probeFile(file)).video[0]!;
    expect(v.r_frame_rate).not.toBe(v.avg_frame_rate);
    const ts = await videoTimestamps(file);
    expect(ts.length).toBe(60);
    const d = ts.slice(1).map((t, i) => t - ts[i]!);
    expect(Math.min(...d)).toBeGreaterThan(0);
    expect(Math.max(...d) - Math.min(...d)).toBeGreaterThan(0.01); // > 10 ms spread
    expect(ts.at(-1)! / (ts.length - 1)).toBeCloseTo(1 / 30, 2); // nominal 30 fps on average
  });

  it.each([
    ['fps25', '25/1', 50],
    ['fps60', '60/1', 60],
  ] as const)('%s: constant %s', async (name, rate, frames) => {
    const v = (await probeFile(await makePresetVideo(name), { countFrames: true })).video[0]!;
    expect(v.r_frame_rate).toBe(rate);
    expect(v.avg_frame_rate).toBe(rate);
    expect(v.nb_read_frames).toBe(frames);
  });

  it('phone portrait: coded 1920×1080 with a rotate=90 display matrix, mono audio, shows upright 1080×1920', async () => {
    const file = await makePresetVideo('phonePortrait');
    const p = await probeFile(file);
    const v = p.video[0]!;
    expect(v).toMatchObject({ width: 1920, height: 1080, rotation: -90, rotate_cw: 90, display_width: 1080, display_height: 1920 });
    expect(v.side_data.some((d) => d.side_data_type === 'Display Matrix')).toBe(true);
    expect(p.audio).toHaveLength(1);
    expect(p.audio[0]).toMatchObject({ channels: 1, channel_layout: 'mono' });
    // The bundled ffmpeg 4.1 autorotates it upright; without autorotation it is sideways.
    const upright = await extractFrame(file, 0.5);
    expect(await imageSize(upright)).toEqual({ width: 1080, height: 1920 });
    await expectUpright(upright);
    const raw = await extractFrame(file, 0.5, undefined, { autorotate: false });
    expect(await imageSize(raw)).toEqual({ width: 1920, height: 1080 });
    // Stored rotated counter-clockwise: the red marker is at the bottom-left of the coded frame.
    expectColour(await meanColour(raw, { x: 40, y: 1080 - 140, width: 100, height: 100 }), RED);
  });

  it.each([
    ['rotate180', 180, 180, 640, 360],
    ['rotate270', 90, 270, 360, 640],
  ] as const)('%s: display matrix rotation %d, upright when autorotated', async (name, rotation, cw, w, h) => {
    const file = await makePresetVideo(name);
    const v = (await probeFile(file)).video[0]!;
    expect(v.rotation).toBe(rotation);
    expect(v.rotate_cw).toBe(cw);
    const png = await extractFrame(file, 0.5);
    expect(await imageSize(png)).toEqual({ width: w, height: h });
    await expectUpright(png);
  });

  it('audio variants: none, mono, 5.1, two tracks, digital silence', async () => {
    const none = await probeFile(await makePresetVideo('noAudio'));
    expect(none.audio).toHaveLength(0);
    const mono = await probeFile(await makePresetVideo('mono'));
    expect(mono.audio.map((a) => a.channels)).toEqual([1]);
    const surround = await probeFile(await makePresetVideo('surround51'));
    expect(surround.audio).toHaveLength(1);
    expect(surround.audio[0]).toMatchObject({ channels: 6, channel_layout: '5.1' });
    const two = await probeFile(await makePresetVideo('twoTracks'));
    expect(two.audio.map((a) => a.channels)).toEqual([2, 1]);
    const silentFile = await makePresetVideo('silent');
    const silent = await probeFile(silentFile);
    expect(silent.audio[0]).toMatchObject({ channels: 2, codec_name: 'aac' });
    expect((await measureLoudness(silentFile)).integrated).toBe(Number.NEGATIVE_INFINITY);
  });

  it('loudness: tracks land within 0.5 LU of the requested level', async () => {
    for (const [file, target] of [
      [await makePresetVideo('quiet'), -30],
      [await makePresetVideo('loud'), -10],
      [await makePresetVideo('mono'), -20],
      [await makePresetVideo('surround51'), -20],
    ] as const) {
      const l = await measureLoudness(file);
      expect(Math.abs(l.integrated - target), `${basename(file)}: ${l.integrated}`).toBeLessThan(0.5);
      expect(l.truePeak).toBeLessThan(-1);
    }
    const two = await makePresetVideo('twoTracks');
    expect(Math.abs((await measureLoudness(two, { stream: 1 })).integrated + 20)).toBeLessThan(0.5);
  });

  it('extra streams: mp4 gets a mov_text subtitle and a tmcd data stream; mkv a subrip subtitle and an attachment', async () => {
    const mp4 = await probeFile(await makePresetVideo('extraStreams'));
    expect(mp4.streams.map((s) => s.codec_type)).toEqual(['video', 'audio', 'subtitle', 'data']);
    expect(mp4.subtitle[0]!.codec_name).toBe('mov_text');
    expect(mp4.data[0]!.codec_tag_string).toBe('tmcd');
    const mkv = await probeFile(await makePresetVideo('mkvExtra'));
    expect(mkv.streams.map((s) => s.codec_type)).toEqual(['video', 'audio', 'subtitle', 'attachment']);
    expect(mkv.subtitle[0]!.codec_name).toBe('subrip');
  });

  it('containers: mov and mkv', async () => {
    const mov = await makePresetVideo('mov');
    expect(mov.endsWith('.mov')).toBe(true);
    expect((await probeFile(mov)).format.format_name).toContain('mov');
    const mkv = await makePresetVideo('mkv');
    expect(mkv.endsWith('.mkv')).toBe(true);
    const p = await probeFile(mkv);
    expect(p.format.format_name).toContain('matroska');
    expect(p.video[0]!.duration).toBeCloseTo(1, 1);
  });

  it('refuses rotation in mkv', async () => {
    expect(() => makeVideo({ container: 'mkv', rotate: 90 })).toThrow(/mp4 or mov/);
  });

  it("a file name with spaces, quotes, ';', '[x]', '%' and Chinese", async () => {
    const file = await makePresetVideo('weirdName');
    expect(basename(file)).toBe(VIDEO_PRESETS.weirdName.name);
    expect(basename(file)).toBe("it's [x] 50% ;茶.mp4");
    const p = await probeFile(file);
    expect(p.video).toHaveLength(1);
    expect(p.audio).toHaveLength(1);
  });
});

describe('makeStill', () => {
  it.each(['jpg', 'png', 'webp'] as const)('%s without EXIF', async (format) => {
    const file = await makeStill({ width: 800, height: 600, format });
    expect(file.endsWith(`.${format}`)).toBe(true);
    const meta = await sharp(file).metadata();
    expect(meta.format).toBe(format === 'jpg' ? 'jpeg' : format);
    expect([meta.width, meta.height]).toEqual([800, 600]);
    expect(meta.orientation).toBeUndefined();
    await expectUpright(await sharp(file).png().toBuffer());
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('jpg with EXIF orientation %d shows the canonical picture after auto-orient', async (orientation) => {
    const file = await makeStill({ width: 640, height: 480, format: 'jpg', orientation });
    const meta = await sharp(file).metadata();
    expect(meta.orientation).toBe(orientation);
    const swapped = orientation >= 5;
    expect([meta.width, meta.height]).toEqual(swapped ? [480, 640] : [640, 480]);
    const upright = await sharp(file).autoOrient().png().toBuffer();
    expect(await imageSize(upright)).toEqual({ width: 640, height: 480 });
    await expectUpright(upright);
    // ffmpeg 4.1 ignores EXIF orientation on stills: for 2–8 its frame is NOT upright.
    const ff = await extractFrame(file, 0);
    expect(await imageSize(ff)).toEqual(swapped ? { width: 480, height: 640 } : { width: 640, height: 480 });
  });

  it('png and webp keep an EXIF orientation', async () => {
    for (const format of ['png', 'webp'] as const) {
      const file = await makeStill({ width: 400, height: 300, format, orientation: 6 });
      const meta = await sharp(file).metadata();
      expect(meta.orientation, format).toBe(6);
      await expectUpright(await sharp(file).autoOrient().png().toBuffer());
    }
  });
});

describe('makeSrt', () => {
  it('writes numbered UTF-8 cues with comma milliseconds', async () => {
    const cues = [
      { start: 0.2, end: 1.25, text: '明前龙井' },
      { start: 61.5, end: 3723.004, text: "line 1\nit's {\\b1} 100%" },
    ];
    const file = await makeSrt(cues);
    const text = await readFile(file, 'utf8');
    expect(text).toBe(formatSrt(cues));
    expect(text).toBe(
      '1\n00:00:00,200 --> 00:00:01,250\n明前龙井\n\n2\n00:01:01,500 --> 01:02:03,004\nline 1\nit\'s {\\b1} 100%\n',
    );
    expect(await makeSrt(cues)).toBe(file);
  });

  it('is read by ffmpeg as subrip', async () => {
    const file = await makeSrt([{ start: 0, end: 1, text: '茶' }]);
    const p = await probeFile(file);
    expect(p.subtitle[0]!.codec_name).toBe('subrip');
  });
});

describe('makeBrokenFiles', () => {
  it('empty, garbage and text files do not probe as media', async () => {
    const b = await makeBrokenFiles();
    expect((await stat(b.empty)).size).toBe(0);
    expect((await readFile(b.garbage)).equals(pseudoRandomBytes(64 * 1024, 0x5eed))).toBe(true);
    for (const f of [b.empty, b.garbage, b.textFile]) {
      await expect(probeFile(f), basename(f)).rejects.toThrow();
    }
  });

  it('truncated faststart mp4 probes with its full duration but fails decoding with -xerror', async () => {
    const b = await makeBrokenFiles();
    const p = await probeFile(b.truncated);
    expect(p.format.duration).toBeCloseTo(3, 1);
    expect(p.video[0]!.nb_frames).toBe(90);
    const strict = await run(ffmpegPath(), ['-v', 'error', '-xerror', '-i', b.truncated, '-f', 'null', '-']);
    expect(strict.code).not.toBe(0);
    // Without -xerror ffmpeg shrugs and exits 0: the trap the product must avoid.
    const lax = await run(ffmpegPath(), ['-v', 'error', '-i', b.truncated, '-f', 'null', '-']);
    expect(lax.code).toBe(0);
  });

  it('the x.mp4 HLS playlist opens the secret local file unless a format whitelist is given', async () => {
    const b = await makeBrokenFiles();
    expect(basename(b.playlist)).toBe('x.mp4');
    expect((await readFile(b.playlist, 'utf8')).startsWith('#EXTM3U')).toBe(true);

    // The attack: a default input reads the secret and decodes its (magenta) picture.
    const open = await run(ffmpegPath(), ['-hide_banner', '-v', 'debug', '-i', b.playlist, '-frames:v', '1',
      '-pix_fmt', 'rgb24', '-c:v', 'png', '-f', 'image2pipe', '-']);
    expect(open.code).toBe(0);
    expect(open.stderr).toContain(`Opening '${b.secret}' for reading`);
    expectColour(await meanColour(open.stdout), { r: 255, g: 0, b: 255 }, 30);

    // A protocol whitelist alone does not help: the secret is a local file too.
    const fileOnly = await run(ffmpegPath(), ['-hide_banner', '-v', 'debug', '-protocol_whitelist', 'file',
      '-i', b.playlist, '-frames:v', '1', '-f', 'null', '-']);
    expect(fileOnly.stderr).toContain(`Opening '${b.secret}' for reading`);

    // The defence: only mp4-family demuxers may open the input.
    const refused = await run(ffmpegPath(), ['-hide_banner', '-v', 'debug', '-format_whitelist', 'mov,mp4,m4a,3gp,3g2,mj2',
      '-i', b.playlist, '-frames:v', '1', '-f', 'null', '-']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('not on whitelist');
    expect(refused.stderr).not.toContain(`Opening '${b.secret}'`);
  });
});
