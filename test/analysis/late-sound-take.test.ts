// A phone take whose sound starts after its picture (the audio stream's start_time about 0.3 s
// later than the video's, the reverse of late-picture-take): promo suggest gives its silences and
// clip edges on the render's timeline (where the file plays its sound), not early by the sound's
// late start, and a render keeps a clip's sound in sync with its picture, also for a clip starting
// before the sound does.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Defect, Span } from '../../src/analysis/analysis-types.ts';
import { generateFootage, type GeneratedFootage } from '../helpers/analysis-footage.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { delayStream, ffmpeg, ffprobe } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';

interface Suggested { duration: number; scenes: Span[]; defects: Defect[]; clips: { in: number; out: number }[] }

const LATE = 0.3;
let dir: string;
let take: GeneratedFootage;
let late: string;
let words: Span[];
let cuts: number[];

const suggest = async (file: string): Promise<Suggested> => {
  const run = await runCli(['suggest', file, '--count', '3', '--length', '1.5', '--json', '-o', dir], { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as Suggested[])[0]!;
};

// Where the sound turns on after a quiet (seconds from the file's 0 s, the sound padded from there
// as a render reads it), by ffmpeg's silencedetect.
const onsets = async (file: string): Promise<number[]> => {
  const { stderr } = await ffmpeg(['-i', file, '-map', '0:a:0', '-af', 'aresample=first_pts=0,silencedetect=n=-35dB:d=0.03', '-f', 'null', '-']);
  return [...String(stderr).matchAll(/silence_end: ([\d.]+)/g)].map((m) => Number(m[1]));
};

beforeAll(async () => {
  dir = makeTempDir('promo-late-sound-');
  take = await generateFootage({
    width: 320, height: 180, fps: 30, audio: 'speech', silences: [{ start: 5, end: 7 }],
    scenes: [{ seconds: 4 }, { seconds: 4 }, { seconds: 4 }],
  }, dir);
  late = join(dir, 'late.mp4');
  await delayStream(take.file, 'audio', LATE, late);
  words = take.words.map((w) => ({ start: w.start + LATE, end: w.end + LATE }));
  cuts = take.cutFrames.map((f) => f / take.fps);
}, 300_000);

describe('a take whose sound starts after its picture', () => {
  it('starts its sound later than its picture, and plays its words 0.3 s late', async () => {
    const { stdout } = await ffprobe(['-v', 'error', '-show_entries', 'stream=codec_type,start_time', '-of', 'csv=p=0', late]);
    const start = Object.fromEntries(String(stdout).trim().split('\n').map((line) => line.split(',')).map(([kind, t]) => [kind, Number(t)]));
    expect(start.video).toBe(0);
    // The AAC priming packet starts 64 ms before the first sample heard.
    expect(start.audio).toBeGreaterThan(0.2);
    expect(Math.abs((await onsets(late))[0]! - words[0]!.start)).toBeLessThan(0.02);
  });

  it('has its silence where the file has it, 0.3 s after the original take\'s', async () => {
    const [original, shifted] = await Promise.all([suggest(take.file), suggest(late)]);
    const silence = (s: Suggested) => s.defects.filter((d) => d.kind === 'silence');
    expect(silence(original)).toHaveLength(1);
    expect(silence(shifted)).toHaveLength(1);
    // Within a sound window (0.05 s) of the original's plus the offset; on the old clock 0.2 s early.
    expect(Math.abs(silence(shifted)[0]!.start - silence(original)[0]!.start - LATE)).toBeLessThanOrEqual(0.05 + 1e-6);
    expect(Math.abs(silence(shifted)[0]!.end - silence(original)[0]!.end - LATE)).toBeLessThanOrEqual(0.05 + 1e-6);
    expect(silence(shifted)[0]!.start).toBeGreaterThanOrEqual(5 + LATE);
    expect(silence(shifted)[0]!.end).toBeLessThanOrEqual(7 + LATE);
    expect(shifted.clips.length).toBeGreaterThanOrEqual(2);
    for (const clip of shifted.clips) {
      const what = `clip ${clip.in}–${clip.out}`;
      expect(cuts.filter((t) => t > clip.in + 1e-3 && t < clip.out - 1e-3), what).toEqual([]);
      for (const t of [clip.in, clip.out]) expect(words.filter((w) => t > w.start + 1e-6 && t < w.end - 1e-6), `${what} at ${t}`).toEqual([]);
    }
  }, 300_000);

  it('renders a clip from before the sound starts, and a suggested one, with their sound in sync', async () => {
    const auto = (await suggest(late)).clips[0]!;
    const clips = [{ in: 0, out: 1.5 }, { in: auto.in, out: auto.out }];
    const spec = {
      stream: { title: 'Late sound' }, intro: false, outro: false, quality: 'draft',
      products: [{ sku: 'LATE', footage: 'late.mp4', clips }],
      outputs: [{ name: 'wide', width: 320, height: 180, fps: 30 }],
    };
    const spot = await makeSpecDir(spec, { files: { 'late.mp4': late } });
    const render = await runCli(['render', spot.spec, '-c', spot.config], { cwd: spot.dir });
    expect(render.code, render.stderr).toBe(0);
    const heard = await onsets(join(spot.out, 'LATE', 'wide.mp4'));
    const source = await onsets(late);
    let at = 0;
    for (const clip of clips) {
      // The first word heard in the clip, on the render's clock: where the file plays it, less the clip's in.
      const expected = source.find((t) => t > clip.in + 0.05)! - clip.in + at;
      const found = heard.find((t) => t > at + 0.05)!;
      expect(Math.abs(found - expected), `clip ${clip.in}–${clip.out}: heard ${found}, expected ${expected}`).toBeLessThan(0.02);
      at += clip.out - clip.in;
    }
  }, 300_000);
});
