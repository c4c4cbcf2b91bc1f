// A variable-frame-rate phone take (jittered frame times, spans where the phone dropped to half
// rate, no frame durations in the file): the analysis covers it to its end like the constant-rate
// take it was made from (same frames, cuts on its own frames, and proposed clips), and renders of it, `clips: auto`
// with `fit: smart` and a hand-typed clip, are constant 30 fps of the right length showing the
// same pictures as the constant-rate take's.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseFootage } from '../../src/analysis/analyse-footage.ts';
import { generateFootage, type GeneratedFootage } from '../helpers/analysis-footage.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { extractFrame, ffmpeg, ffmpegPath, ffprobePath, probeFile, regionDifference, videoTimestamps } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';

interface Suggested { duration: number; scenes: { start: number; end: number }[]; clips: { in: number; out: number }[] }

const engine = () => ({ ffmpeg: ffmpegPath(), ffprobe: ffprobePath() });
let take: GeneratedFootage;
let vfr: string;

const steps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

beforeAll(async () => {
  take = await generateFootage({ width: 320, height: 180, fps: 30, audio: 'speech', scenes: [{ seconds: 3 }, { seconds: 3 }] });
  vfr = join(makeTempDir('promo-vfr-'), 'vfr.mp4');
  // Half rate over 1–2 s and 4–5 s; elsewhere each frame up to 9 ms early or late. A 1/90000 time
  // base end to end, so the jitter is kept (the encoder would round it to 1/30 s otherwise).
  const select = "select='not(between(n,30,59)+between(n,120,149))+eq(mod(n,2),0)'";
  const jitter = "setpts='PTS+gt(T,0.01)*lt(T,5.8)*0.009*sin(N*1.7)/TB'";
  await ffmpeg([
    '-v', 'error', '-y', '-i', take.file, '-vf', `${select},settb=1/90000,${jitter}`, '-vsync', 'vfr', '-enc_time_base', '1/90000',
    '-video_track_timescale', '90000', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-c:a', 'copy', vfr,
  ], { timeoutMs: 120_000 });
}, 180_000);

describe('a variable-frame-rate take', () => {
  it('is variable: frame steps of many lengths, 150 frames in 6 s', async () => {
    const times = await videoTimestamps(vfr);
    expect(times).toHaveLength(150);
    const distinct = new Set(steps(times).map((s) => s.toFixed(3)));
    expect(distinct.size).toBeGreaterThan(10);
    expect(Math.max(...steps(times))).toBeGreaterThan(0.06);
  }, 60_000);

  it('is analysed to its end, with the cut, scenes and clips of the constant-rate take', async () => {
    const plain = await analyseFootage({ ...engine(), file: take.file });
    const varied = await analyseFootage({ ...engine(), file: vfr });
    // The last frame (no duration in the file) is analysed too: 60 frames, to 5.9 s.
    expect(varied.frames.time).toEqual(plain.frames.time);
    const dir = makeTempDir('promo-vfr-suggest-');
    const suggest = await runCli(['suggest', take.file, vfr, '--count', '2', '--length', '2', '--json', '--sheet', join(dir, 'sheet.png'), '-o', dir], { cwd: dir });
    expect(suggest.code, suggest.stderr).toBe(0);
    const [a, b] = JSON.parse(suggest.stdout) as Suggested[];
    expect(b!.duration).toBeCloseTo(6, 2);
    // The same scenes, but the cut is placed on the take's own frame, which the jitter moves (its
    // 75th: 30 frames, 15 of the half-rate span, 30 more).
    expect(b!.scenes).toHaveLength(a!.scenes.length);
    b!.scenes.forEach((scene, i) => {
      expect(Math.abs(scene.start - a!.scenes[i]!.start)).toBeLessThanOrEqual(0.0101);
      expect(Math.abs(scene.end - a!.scenes[i]!.end)).toBeLessThanOrEqual(0.0101);
    });
    expect(Math.abs(b!.scenes[1]!.start - (await videoTimestamps(vfr))[75]!)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(Math.round(b!.scenes[1]!.start * take.fps) - take.cutFrames[0]!)).toBeLessThanOrEqual(1);
    expect(b!.clips).toHaveLength(2);
    b!.clips.forEach((clip, i) => {
      expect(Math.abs(clip.in - a!.clips[i]!.in)).toBeLessThanOrEqual(0.0101);
      expect(Math.abs(clip.out - a!.clips[i]!.out)).toBeLessThanOrEqual(0.0101);
    });
  }, 180_000);

  it('renders constant 30 fps of the right length, clips: auto with fit: smart and a hand-typed clip', async () => {
    const product = (sku: string, footage: string, clips: unknown, fit?: string) => ({ sku, footage, clips, ...(fit ? { fit } : {}) });
    const spec = {
      stream: { title: 'VFR' },
      products: [
        product('AUTO', 'vfr.mp4', { auto: { count: 2, length: 2 } }, 'smart'),
        product('HAND', 'vfr.mp4', [{ in: 1, out: 5 }]),
        product('PLAIN', 'plain.mp4', [{ in: 1, out: 5 }]),
      ],
      outputs: [{ name: 'tall', width: 180, height: 320, fps: 30 }],
      intro: false, outro: false, quality: 'draft',
    };
    const dir = await makeSpecDir(spec, { files: { 'vfr.mp4': vfr, 'plain.mp4': take.file } });
    const render = await runCli(['render', dir.spec, '-c', dir.config], { cwd: dir.dir });
    expect(render.code, render.stderr).toBe(0);
    const out = (sku: string) => join(dir.out, sku, 'tall.mp4');
    for (const [sku, seconds] of [['AUTO', 1.5 + 2.1], ['HAND', 4]] as const) {
      const probe = await probeFile(out(sku));
      expect(probe.video[0]!.avg_fps, sku).toBe(30);
      expect(Math.abs(probe.format.duration! - seconds), sku).toBeLessThan(0.05);
      const times = await videoTimestamps(out(sku));
      expect(times).toHaveLength(Math.round(seconds * 30));
      for (const step of steps(times)) expect(Math.abs(step - 1 / 30)).toBeLessThan(1e-3);
    }
    // Before and after the cut and in the half-rate span: the constant-rate take's pictures.
    for (const t of [0.5, 1.9, 2.1, 3.5]) {
      const difference = await regionDifference(await extractFrame(out('HAND'), t), await extractFrame(out('PLAIN'), t), { x: 0, y: 0, width: 180, height: 320 });
      expect(difference, `${t} s`).toBeLessThan(4);
    }
  }, 300_000);
});
