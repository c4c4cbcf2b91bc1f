// Incremental re-render: after one clip's caption is edited, only that clip's video segments are
// encoded again; the rest of each output is the earlier render's packets, joined by stream copy,
// and the audio copied (or encoded whole in one go when it changed). The result must be one valid file equal to a whole
// render of the edited spec: same streams, frames and durations, constant frame rate, PSNR ≥ 40 dB,
// and the same audio (no gap or click at the joins). --force renders whole.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeStill, makeVideo } from '../helpers/fixtures.ts';
import { ffmpeg, probeFile, videoTimestamps } from '../helpers/media-assert.ts';
import { keptSegments as segments, packetHashes, pcm, psnr } from '../helpers/incremental-compare.ts';
import { makeSpecDir, runCli, SMALL_VERTICAL, TINY_SQUARE, type SpecDir } from '../helpers/spec-dir.ts';
import sharp from 'sharp';
import { stringify } from 'yaml';

const CAPTIONS = ['第一段 明前龙井', '第二段 鲜爽回甘', '第三段 手工青瓷', '第四段 今晚直播'];
const EDITED = '第三段 改过的字幕 只重编这一段';

function spec(captions: string[], overrides: object = {}, secondOut = 2.7): object {
  return {
    stream: { title: '增量渲染' },
    brand: { logo: 'logo.png', color: '#E60012' },
    products: [{
      sku: 'TEA-001', price: 99, footage: 'tea.mp4',
      clips: [
        { in: 0, out: 1.5, caption: captions[0] },
        { in: 1.5, out: secondOut, caption: captions[1] },
        { in: 3, out: 4.1, caption: captions[2] },
        { in: 4.5, out: 5.5, caption: captions[3] },
      ],
    }],
    outputs: [SMALL_VERTICAL, TINY_SQUARE],
    intro: { duration: 1 },
    outro: false,
    reel: false,
    quality: 'draft',
    ...overrides,
  };
}

describe('incremental re-render after a caption edit', () => {
  let dir: SpecDir;
  const full = () => join(dir.dir, 'full');
  let first = new Map<string, number>();
  let second = new Map<string, number>();
  let firstAudio = new Map<string, number>();
  let secondAudio = new Map<string, number>();
  let firstCovers = new Map<string, number>();
  let secondCovers = new Map<string, number>();
  let firstPackets: string[] = [];
  const results: { code: number | null; stderr: string }[] = [];

  beforeAll(async () => {
    const [footage, logo] = await Promise.all([
      makeVideo({ width: 640, height: 360, duration: 6, audio: 'stereo' }),
      makeStill({ width: 128, height: 128, format: 'png' }),
    ]);
    dir = await makeSpecDir(spec(CAPTIONS), { files: { 'tea.mp4': footage, 'logo.png': logo } });
    results.push(await runCli(['render', dir.spec, '--config', dir.config]));
    first = await segments(dir.out);
    firstAudio = await segments(dir.out, '.m4a');
    firstCovers = await segments(dir.out, '.png');
    firstPackets = await packetHashes(join(dir.out, 'TEA-001', 'small.mp4'));
    await writeFile(dir.spec, stringify(spec([CAPTIONS[0]!, CAPTIONS[1]!, EDITED, CAPTIONS[3]!])));
    results.push(await runCli(['render', dir.spec, '--config', dir.config]));
    second = await segments(dir.out);
    secondAudio = await segments(dir.out, '.m4a');
    secondCovers = await segments(dir.out, '.png');
    // The reference: a whole render of the edited spec.
    results.push(await runCli(['render', dir.spec, '--config', dir.config, '--force', '--out', full()]));
  }, 120_000);

  it('renders all three times', () => {
    for (const result of results) expect(result.code, result.stderr).toBe(0);
  });

  it('keeps one segment per item per preset after the first render', () => {
    // intro + 4 clips, in 2 presets.
    expect(first.size).toBe(10);
  });

  it('encodes only the edited clip again: one new segment per preset, the old ones of it pruned, the rest untouched', () => {
    const added = [...second.keys()].filter((name) => !first.has(name));
    const removed = [...first.keys()].filter((name) => !second.has(name));
    expect(added).toHaveLength(2);
    expect(removed).toHaveLength(2);
    for (const [name, inode] of second) if (first.has(name)) expect(inode, name).toBe(first.get(name));
  });

  it('copies the audio kept from the first render (a caption edit leaves it as it was)', () => {
    // One kept audio per preset, the same files as before.
    expect(firstAudio.size).toBe(2);
    expect([...secondAudio]).toEqual([...firstAudio]);
  });

  it('takes the cover frames kept from the first render instead of decoding the footage again', async () => {
    expect(firstCovers.size).toBe(2);
    expect([...secondCovers]).toEqual([...firstCovers]);
    // The cover drawn on them is the whole render's.
    const [mine, whole] = await Promise.all([join(dir.out, 'TEA-001', 'small.jpg'), join(full(), 'TEA-001', 'small.jpg')].map((file) => sharp(file).raw().toBuffer()));
    let difference = 0;
    for (let i = 0; i < mine!.length; i++) difference += Math.abs(mine![i]! - whole![i]!);
    expect(difference / mine!.length).toBeLessThan(1);
  });

  it('copies the unchanged items\' packets from the first render and re-encodes only the edited clip\'s', async () => {
    const packets = await packetHashes(join(dir.out, 'TEA-001', 'small.mp4'));
    expect(packets).toHaveLength(firstPackets.length);
    // 30 fps: intro 0–30, clips 30–75, 75–111, 111–144, 144–174.
    const differs = packets.map((hash, i) => hash !== firstPackets[i]);
    expect(differs.slice(0, 111).some(Boolean)).toBe(false);
    expect(differs.slice(111, 144).every(Boolean)).toBe(true);
    expect(differs.slice(144).some(Boolean)).toBe(false);
  });

  for (const preset of ['small', 'tiny']) {
    it(`${preset}: one H.264 and one AAC stream, the frames, duration and constant rate of a whole render`, async () => {
      const [mine, whole] = await Promise.all([probeFile(join(dir.out, 'TEA-001', `${preset}.mp4`)), probeFile(join(full(), 'TEA-001', `${preset}.mp4`))]);
      expect(mine.streams.map((s) => s.codec_name)).toEqual(['h264', 'aac']);
      expect(mine.video[0]!.nb_frames).toBe(174);
      expect(mine.video[0]!.nb_frames).toBe(whole.video[0]!.nb_frames);
      expect(mine.video[0]!.duration).toBeCloseTo(whole.video[0]!.duration!, 6);
      expect(mine.audio[0]!.duration).toBeCloseTo(whole.audio[0]!.duration!, 6);
      expect(mine.audio[0]!.nb_frames).toBe(whole.audio[0]!.nb_frames);
      expect(mine.video[0]!.avg_frame_rate).toBe('30/1');
      for (const field of ['color_primaries', 'color_transfer', 'color_space', 'pix_fmt', 'profile'] as const) {
        expect(mine.video[0]![field], field).toBe(whole.video[0]![field]);
      }
      const times = await videoTimestamps(join(dir.out, 'TEA-001', `${preset}.mp4`));
      const steps = new Set(times.slice(1).map((t, i) => Math.round((t - times[i]!) * 1e4)));
      expect([...steps]).toEqual([333]);
    });

    it(`${preset}: looks the same as a whole render of the edited spec (PSNR ≥ 40 dB)`, async () => {
      const { average, worst } = await psnr(join(dir.out, 'TEA-001', `${preset}.mp4`), join(full(), 'TEA-001', `${preset}.mp4`));
      expect(average).toBeGreaterThanOrEqual(40);
      // Every frame, the edited clip's included: its new caption is there, not the old one.
      expect(worst).toBeGreaterThanOrEqual(35);
    });

    it(`${preset}: has the whole render's audio, sample for sample (no gap or click at the joins)`, async () => {
      const [mine, whole] = await Promise.all([pcm(join(dir.out, 'TEA-001', `${preset}.mp4`)), pcm(join(full(), 'TEA-001', `${preset}.mp4`))]);
      expect(mine.length).toBe(whole.length);
      let worst = 0;
      for (let i = 0; i < mine.length; i++) worst = Math.max(worst, Math.abs(mine[i]! - whole[i]!));
      expect(worst).toBeLessThanOrEqual(1);
      // And the sound goes on across each join (the tone never drops out around a boundary).
      for (const frame of [30, 75, 111, 144]) {
        const at = frame * 1600 * 2; // 48 kHz / 30 fps, stereo
        let peak = 0;
        for (let i = at - 960; i < at + 960; i++) peak = Math.max(peak, Math.abs(mine[i]!));
        expect(peak, `around frame ${frame}`).toBeGreaterThan(300);
      }
    });
  }

  it('the edited output decodes without an error', async () => {
    const { stderr } = await ffmpeg(['-v', 'error', '-xerror', '-i', join(dir.out, 'TEA-001', 'small.mp4'), '-f', 'null', '-']);
    expect(stderr.trim()).toBe('');
  });

  it('--force renders whole: every segment is made again from the new render', async () => {
    const forced = await runCli(['render', dir.spec, '--config', dir.config, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    const after = await segments(dir.out);
    expect([...after.keys()].sort()).toEqual([...second.keys()].sort());
    for (const [name, inode] of after) expect(inode, name).not.toBe(second.get(name));
    // The whole render's own packets: no longer the first render's for the unchanged items.
    const packets = await packetHashes(join(dir.out, 'TEA-001', 'small.mp4'));
    expect(packets).toEqual(await packetHashes(join(full(), 'TEA-001', 'small.mp4')));
  }, 60_000);

  it('an out point edit re-encodes that clip and the audio, and still equals a whole render', async () => {
    const before = await segments(dir.out);
    const edited = spec([CAPTIONS[0]!, CAPTIONS[1]!, EDITED, CAPTIONS[3]!], {}, 2.4);
    await writeFile(dir.spec, stringify(edited));
    const again = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(again.code, again.stderr).toBe(0);
    const after = await segments(dir.out);
    expect([...after.keys()].filter((name) => !before.has(name))).toHaveLength(2);
    const reference = join(dir.dir, 'full-out');
    const whole = await runCli(['render', dir.spec, '--config', dir.config, '--force', '--out', reference]);
    expect(whole.code, whole.stderr).toBe(0);
    const mine = join(dir.out, 'TEA-001', 'small.mp4');
    const theirs = join(reference, 'TEA-001', 'small.mp4');
    const [a, b] = await Promise.all([probeFile(mine), probeFile(theirs)]);
    // 0.3 s shorter: 9 frames fewer.
    expect(a.video[0]!.nb_frames).toBe(165);
    expect(a.video[0]!.nb_frames).toBe(b.video[0]!.nb_frames);
    expect(a.audio[0]!.duration).toBeCloseTo(b.audio[0]!.duration!, 6);
    expect((await psnr(mine, theirs)).average).toBeGreaterThanOrEqual(40);
    const [pa, pb] = await Promise.all([pcm(mine), pcm(theirs)]);
    expect(pa.length).toBe(pb.length);
    let worst = 0;
    for (let i = 0; i < pa.length; i++) worst = Math.max(worst, Math.abs(pa[i]! - pb[i]!));
    expect(worst).toBeLessThanOrEqual(1);
  }, 60_000);
});
