// Cuts to the exact source frame: in 60 fps and 29.97 fps takes whose cuts fall between the
// analysed frames (10 a second), promo suggest places each cut within a frame of the truth, and a
// `clips: auto` clip that starts and ends on cuts shows no frame of the neighbouring scenes (no
// flash frame) at the output's 30 or 60 fps.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateFootage, type GeneratedFootage } from '../helpers/analysis-footage.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { extractFrame, probeFile, regionDifference } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';

interface Suggested { scenes: { start: number; end: number }[]; clips: { in: number; out: number }[] }

// Scene 2 (2 s) is the only one long enough for a 2.7 s clip (which may be a quarter shorter), and
// no longer: the clip is the whole scene, both its ends on cuts (at 1.3167 and 3.3167 s at 60 fps,
// 1.3347 and 3.3367 s at 29.97), each between two analysed frames.
const scenes = [{ seconds: 1.32 }, { seconds: 2 }, { seconds: 1.32 }];
const rates = { r60: 60, ntsc: 30000 / 1001 } as const;
const takes: Record<string, GeneratedFootage> = {};
const suggested: Record<string, Suggested> = {};

beforeAll(async () => {
  const dir = makeTempDir('promo-cut-frames-');
  for (const [name, fps] of Object.entries(rates)) takes[name] = await generateFootage({ width: 320, height: 180, fps, audio: 'none', scenes });
  const run = await runCli(['suggest', ...Object.values(takes).map((t) => t.file), '--count', '1', '--length', '2.7', '--json', '-o', dir], { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  const results = JSON.parse(run.stdout) as Suggested[];
  Object.keys(takes).forEach((name, i) => { suggested[name] = results[i]!; });
}, 300_000);

describe('cuts in 60 and 29.97 fps takes', () => {
  it('are found within a frame of the true cut', () => {
    for (const [name, take] of Object.entries(takes)) {
      const found = suggested[name]!.scenes.slice(1).map((s) => s.start * take.fps);
      expect(found, name).toHaveLength(2);
      found.forEach((frame, i) => expect(Math.abs(frame - take.cutFrames[i]!), `${name} cut ${i} at frame ${frame}`).toBeLessThanOrEqual(1));
    }
  });

  it('bound a clips: auto clip whose first and last frames are its own scene\'s', async () => {
    const products = Object.keys(takes).map((name) => ({ sku: name.toUpperCase(), footage: `${name}.mp4`, clips: { auto: { count: 1, length: 2.7 } } }));
    const spec = {
      stream: { title: 'Cuts' }, products, intro: false, outro: false, quality: 'draft',
      outputs: [{ name: 'w30', width: 320, height: 180, fps: 30 }, { name: 'w60', width: 320, height: 180, fps: 60 }],
    };
    const dir = await makeSpecDir(spec, { files: Object.fromEntries(Object.entries(takes).map(([name, t]) => [`${name}.mp4`, t.file])) });
    const render = await runCli(['render', dir.spec, '-c', dir.config], { cwd: dir.dir });
    expect(render.code, render.stderr).toBe(0);
    const whole = { x: 0, y: 0, width: 320, height: 180 };
    for (const [name, take] of Object.entries(takes)) {
      const [first, last] = take.cutFrames as [number, number];
      // The source's frames either side of each cut (the frame's middle, so the seek finds it).
      const source = (frame: number) => extractFrame(take.file, (frame + 0.5) / take.fps);
      const [beforeIn, atIn, beforeOut, atOut] = await Promise.all([source(first - 1), source(first), source(last - 1), source(last)]);
      for (const [output, fps] of [['w30', 30], ['w60', 60]] as const) {
        const file = join(dir.out, name.toUpperCase(), `${output}.mp4`);
        const frames = Math.round((await probeFile(file)).format.duration! * fps);
        const what = `${name} ${output}`;
        const head = await extractFrame(file, 0.5 / fps, join(dir.dir, `${name}-${output}-first.png`));
        const tail = await extractFrame(file, (frames - 0.5) / fps, join(dir.dir, `${name}-${output}-last.png`));
        // Its own scene's picture (testsrc moves a little from frame to frame), far from the neighbour's.
        expect(await regionDifference(head, atIn, whole), `${what} first frame`).toBeLessThan(25);
        expect(await regionDifference(head, beforeIn, whole), `${what} first frame`).toBeGreaterThan(50);
        expect(await regionDifference(tail, beforeOut, whole), `${what} last frame`).toBeLessThan(25);
        expect(await regionDifference(tail, atOut, whole), `${what} last frame`).toBeGreaterThan(50);
      }
    }
    // The clip is scene 2, cut to cut, to the millisecond and never later than the cut's frame.
    for (const [name, take] of Object.entries(takes)) {
      const clip = suggested[name]!.clips[0]!;
      const [first, last] = take.cutFrames as [number, number];
      expect(clip.in * take.fps - first, name).toBeLessThanOrEqual(0);
      expect(clip.in * take.fps - first, name).toBeGreaterThan(-0.1);
      expect(clip.out * take.fps - last, name).toBeLessThanOrEqual(0);
      expect(clip.out * take.fps - last, name).toBeGreaterThan(-0.1);
    }
  }, 600_000);
});
