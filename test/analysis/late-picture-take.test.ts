// A phone take whose picture starts after its sound (the video stream's start_time 0.3 s, the
// audio's 0): promo suggest gives every time on the render's timeline, the one the sound and a
// clip's -ss follow, so scenes, defects and clips lie where they are in the file (not 0.3 s early,
// on the picture's own clock), no clip starts or ends inside a word or holds a cut, and a
// rendered clips: auto clip shows the source's frames at its in and out and starts in a pause.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Defect, Span } from '../../src/analysis/analysis-types.ts';
import { generateFootage, type GeneratedFootage } from '../helpers/analysis-footage.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { delayStream, extractFrame, ffprobe, probeFile, regionDifference } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';

interface Suggested { duration: number; scenes: Span[]; defects: Defect[]; clips: { in: number; out: number }[] }

const LATE = 0.3;
let take: GeneratedFootage;
let late: string;
let suggested: Suggested;
// The take's truth on the late file's timeline: the sound's (words) as made, the picture's later.
let cuts: number[];
let black: Span;

beforeAll(async () => {
  const dir = makeTempDir('promo-late-picture-');
  take = await generateFootage({
    width: 320, height: 180, fps: 30, audio: 'speech',
    scenes: [{ seconds: 4 }, { seconds: 4, defects: [{ kind: 'black', start: 2, end: 2.8 }] }, { seconds: 4 }],
  }, dir);
  late = join(dir, 'late.mp4');
  await delayStream(take.file, 'video', LATE, late);
  cuts = take.cutFrames.map((f) => f / take.fps + LATE);
  const defect = take.defects.find((d) => d.kind === 'black')!;
  black = { start: defect.start + LATE, end: defect.end + LATE };
  const run = await runCli(['suggest', late, '--count', '4', '--length', '1.5', '--json', '-o', dir], { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  suggested = (JSON.parse(run.stdout) as Suggested[])[0]!;
}, 300_000);

describe('a take whose picture starts after its sound', () => {
  it('starts its picture 0.3 s after its sound', async () => {
    const { stdout } = await ffprobe(['-v', 'error', '-show_entries', 'stream=codec_type,start_time', '-of', 'csv=p=0', late]);
    expect(String(stdout).trim().split('\n').sort()).toEqual(['audio,0.000000', `video,${LATE.toFixed(6)}`]);
  });

  it('has its scenes and defects where the file has them', () => {
    expect(suggested.scenes[0]!.start).toBeCloseTo(LATE, 6);
    suggested.scenes.slice(1).forEach((scene, i) => expect(Math.abs(scene.start - cuts[i]!), `cut ${i}`).toBeLessThanOrEqual(1 / take.fps + 1e-3));
    const found = suggested.defects.filter((d) => d.kind === 'black');
    expect(found).toHaveLength(1);
    // Within an analysed frame of the truth (0.1 s); on the picture's clock they were 0.3 s early.
    expect(Math.abs(found[0]!.start - black.start)).toBeLessThanOrEqual(0.1 + 1e-6);
    expect(Math.abs(found[0]!.end - black.end)).toBeLessThanOrEqual(0.1 + 1e-6);
  });

  it('proposes clips that hold no cut or defect and start and end between words', () => {
    expect(suggested.clips.length).toBeGreaterThanOrEqual(2);
    for (const clip of suggested.clips) {
      const what = `clip ${clip.in}–${clip.out}`;
      expect(clip.in, what).toBeGreaterThanOrEqual(LATE);
      expect(cuts.filter((t) => t > clip.in + 1e-3 && t < clip.out - 1e-3), what).toEqual([]);
      expect(clip.in < black.end && black.start < clip.out, what).toBe(false);
      for (const t of [clip.in, clip.out]) expect(take.words.filter((w) => t > w.start + 1e-6 && t < w.end - 1e-6), `${what} at ${t}`).toEqual([]);
    }
  });

  it('renders clips: auto showing the source\'s frames at its first clip\'s in and last clip\'s out', async () => {
    const spec = {
      stream: { title: 'Late picture' }, intro: false, outro: false, quality: 'draft',
      products: [{ sku: 'LATE', footage: 'late.mp4', clips: { auto: { count: 4, length: 1.5 } } }],
      outputs: [{ name: 'wide', width: 320, height: 180, fps: 30 }],
    };
    const dir = await makeSpecDir(spec, { files: { 'late.mp4': late } });
    const render = await runCli(['render', dir.spec, '-c', dir.config], { cwd: dir.dir });
    expect(render.code, render.stderr).toBe(0);
    const file = join(dir.out, 'LATE', 'wide.mp4');
    const frames = Math.round((await probeFile(file)).format.duration! * 30);
    const total = suggested.clips.reduce((sum, c) => sum + c.out - c.in, 0);
    expect(Math.abs(frames / 30 - total)).toBeLessThan(0.1);
    const first = suggested.clips[0]!;
    const last = suggested.clips[suggested.clips.length - 1]!;
    const whole = { x: 0, y: 0, width: 320, height: 180 };
    const head = await extractFrame(file, 0.5 / 30, join(dir.dir, 'first.png'));
    const tail = await extractFrame(file, (frames - 0.5) / 30, join(dir.dir, 'last.png'));
    // The source's frames there on the file's timeline, and those 0.3 s away (the picture's clock).
    const [atIn, atOut, earlyIn, earlyOut] = await Promise.all([
      extractFrame(late, first.in + 0.5 / take.fps), extractFrame(late, last.out - 0.5 / take.fps),
      extractFrame(late, first.in - LATE + 0.5 / take.fps), extractFrame(late, last.out - LATE - 0.5 / take.fps),
    ]);
    expect(await regionDifference(head, atIn, whole), 'first frame').toBeLessThan(await regionDifference(head, earlyIn, whole));
    expect(await regionDifference(head, atIn, whole), 'first frame').toBeLessThan(15);
    expect(await regionDifference(tail, atOut, whole), 'last frame').toBeLessThan(await regionDifference(tail, earlyOut, whole));
    expect(await regionDifference(tail, atOut, whole), 'last frame').toBeLessThan(15);
  }, 300_000);
});
