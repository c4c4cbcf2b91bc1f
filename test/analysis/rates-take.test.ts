// Phone takes at 60 fps and 29.97 fps (30000/1001), and with mono 48 kHz and 44.1 kHz sound:
// `promo suggest` finds their cuts at their frames (cuts placed between the analysed frames), the
// same dead air and the same clips (but for the cuts' own frames) as a 30 fps take with 16 kHz sound; renders, `clips: auto` with
// `fit: smart` and hand-typed clips, are at each preset's own constant rate with stereo 48 kHz
// sound, and show the take's picture of that instant.
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateFootage, type FootagePlan, type GeneratedFootage } from '../helpers/analysis-footage.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { extractFrame, ffmpeg, measureLoudness, probeFile, regionDifference, videoTimestamps } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';

interface Suggested { duration: number; scenes: { start: number; end: number }[]; defects: { kind: string; start: number; end: number }[]; clips: { in: number; out: number }[] }

// Cuts at 2.55 s and 5.55 s (between the analysed frames, 10 a second), dead air over 3.5–5.5 s.
const plan = (fps: number): FootagePlan => ({
  width: 320, height: 180, fps, audio: 'speech',
  scenes: [{ seconds: 2.55 }, { seconds: 3 }, { seconds: 2.5 }],
  silences: [{ start: 3.5, end: 5.5 }],
});
const takes: Record<string, GeneratedFootage> = {};
const files: Record<string, string> = {};
const suggested: Record<string, Suggested> = {};

beforeAll(async () => {
  const dir = makeTempDir('promo-rates-');
  for (const [name, fps] of [['r30', 30], ['r60', 60], ['ntsc', 30000 / 1001]] as const) {
    takes[name] = await generateFootage(plan(fps));
    files[name] = takes[name].file;
  }
  for (const rate of [48000, 44100]) {
    files[`mono${rate}`] = join(dir, `mono${rate}.mp4`);
    takes[`mono${rate}`] = takes.r30!;
    await ffmpeg(['-v', 'error', '-y', '-i', files.r30!, '-c:v', 'copy', '-ac', '1', '-ar', String(rate), '-c:a', 'aac', files[`mono${rate}`]!], { timeoutMs: 120_000 });
  }
  const run = await runCli(['suggest', ...Object.values(files), '--count', '2', '--length', '2', '--json', '--sheet', join(dir, 'sheet.png'), '-o', dir], { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  const results = JSON.parse(run.stdout) as Suggested[];
  Object.keys(files).forEach((name, i) => { suggested[name] = results[i]!; });
}, 300_000);

describe('takes at 60 and 29.97 fps, with mono 48 and 44.1 kHz sound', () => {
  it('are probed at their rates and sample rates', async () => {
    const rate = async (name: string) => (await probeFile(files[name]!)).video[0]!.r_frame_rate;
    expect([await rate('r60'), await rate('ntsc')]).toEqual(['60/1', '30000/1001']);
    for (const hz of [48000, 44100]) {
      const audio = (await probeFile(files[`mono${hz}`]!)).audio[0]!;
      expect([audio.sample_rate, audio.channels]).toEqual([hz, 1]);
    }
  }, 60_000);

  it('give their cuts at the right times and the same dead air as the 30 fps take', () => {
    for (const [name, result] of Object.entries(suggested)) {
      const take = takes[name]!;
      expect(result.duration, name).toBeCloseTo(take.duration, 0);
      expect(result.scenes, name).toHaveLength(3);
      // Placed on its frame (a frame off where the decode skipped it), printed to 0.01 s.
      const tolerance = 1 + 0.005 * take.fps;
      result.scenes.slice(1).forEach((scene, i) => {
        expect(Math.abs(scene.start * take.fps - take.cutFrames[i]!), `${name} cut ${i}`).toBeLessThanOrEqual(tolerance);
      });
      const silences = result.defects.filter((d) => d.kind === 'silence');
      expect(silences, name).toEqual(suggested.r30!.defects.filter((d) => d.kind === 'silence'));
      expect(silences).toHaveLength(1);
      expect(Math.abs(silences[0]!.start - 3.5)).toBeLessThan(0.3);
      expect(Math.abs(silences[0]!.end - 5.5)).toBeLessThan(0.3);
      // The same clips: the 29.97 fps take's end (off the analysed frames' grid) is judged by its
      // sound like the others', so no clip ends there in mid-word. A clip on a cut starts or ends
      // on the cut's own frame, which differs with the rate (less than an analysed frame).
      expect(result.clips, name).toHaveLength(suggested.r30!.clips.length);
      result.clips.forEach((clip, i) => {
        const same = suggested.r30!.clips[i]!;
        expect(Math.abs(clip.in - same.in), `${name} clip ${i} in`).toBeLessThan(0.05);
        expect(Math.abs(clip.out - same.out), `${name} clip ${i} out`).toBeLessThan(0.05);
      });
      expect(result.clips.length, name).toBeGreaterThanOrEqual(1);
    }
  });

  it('render at each preset\'s own constant rate with stereo 48 kHz sound, the take\'s picture of each instant', async () => {
    const auto = { auto: { count: 2, length: 2 } };
    const hand = [{ in: 1, out: 4 }];
    const products = [
      { sku: 'A60', footage: 'r60.mp4', fit: 'smart', clips: auto },
      { sku: 'H60', footage: 'r60.mp4', clips: hand },
      { sku: 'ANTSC', footage: 'ntsc.mp4', fit: 'smart', clips: auto },
      { sku: 'HNTSC', footage: 'ntsc.mp4', clips: hand },
      { sku: 'H48', footage: 'mono48000.mp4', clips: hand },
      { sku: 'A441', footage: 'mono44100.mp4', fit: 'smart', clips: auto },
    ];
    const spec = {
      stream: { title: 'Rates' }, products, intro: false, outro: false, quality: 'draft',
      outputs: [{ name: 'tall', width: 180, height: 320, fps: 30 }, { name: 'sq', width: 120, height: 120, fps: 25 }],
    };
    const dir = await makeSpecDir(spec, { files: Object.fromEntries(Object.entries(files).map(([name, file]) => [`${name}.mp4`, file])) });
    const render = await runCli(['render', dir.spec, '-c', dir.config], { cwd: dir.dir });
    expect(render.code, render.stderr).toBe(0);
    for (const product of products) {
      const clips = product.clips === hand ? hand : suggested[product.footage.replace('.mp4', '')]!.clips;
      const seconds = clips.reduce((sum, c) => sum + c.out - c.in, 0);
      for (const [output, fps] of [['tall', 30], ['sq', 25]] as const) {
        const file = join(dir.out, product.sku, `${output}.mp4`);
        const probe = await probeFile(file);
        const what = `${product.sku} ${output}`;
        expect(probe.video[0]!.avg_fps, what).toBe(fps);
        expect(Math.abs(probe.format.duration! - seconds), what).toBeLessThanOrEqual(1.5 / fps);
        const times = await videoTimestamps(file);
        for (let i = 1; i < times.length; i++) expect(Math.abs(times[i]! - times[i - 1]! - 1 / fps), what).toBeLessThan(1e-3);
        expect([probe.audio[0]!.sample_rate, probe.audio[0]!.channels], what).toEqual([48000, 2]);
      }
      expect((await measureLoudness(join(dir.out, product.sku, 'tall.mp4'))).integrated, product.sku).toBeGreaterThan(-40);
    }
    // Either side of the 2.55 s cut of the 60 fps take: its own frame of that instant (the middle
    // of the blurred fill's sharp band, the whole picture 180 px wide), far from the other scene's.
    const band = async (png: Buffer, top: number) => sharp(png).extract({ left: 0, top, width: 180, height: 80 }).png().toBuffer();
    const source = async (seconds: number) => band(await sharp(await extractFrame(files.r60!, seconds)).resize(180, 101, { fit: 'fill' }).png().toBuffer(), 10);
    const whole = { x: 0, y: 0, width: 180, height: 80 };
    for (const [t, other] of [[1.5, 2.6], [1.6, 2.5]] as const) {
      const out = await band(await extractFrame(join(dir.out, 'H60', 'tall.mp4'), t), 120);
      expect(await regionDifference(out, await source(1 + t), whole), `${t} s`).toBeLessThan(20);
      expect(await regionDifference(out, await source(other), whole), `${t} s`).toBeGreaterThan(100);
    }
  }, 600_000);
});
