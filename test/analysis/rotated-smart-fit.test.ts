// Phone takes with a display rotation, as `fit: smart` and the analysis see them: the window
// follows the subject in the displayed orientation (a portrait-stored take shown landscape is
// cropped like the landscape take it shows; a take shown portrait is already 9:16 and is scaled
// whole, upright, never sideways), and a take turned 180° or 270° gives the same scenes as the
// unrotated one with its importance measured in the displayed picture (mirrored for 180°).
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseFootage } from '../../src/analysis/analyse-footage.ts';
import { suggestFromAnalysis } from '../../src/analysis/suggest-from-analysis.ts';
import { generateFootage, generateMovingSubject, type GeneratedFootage, type MovingSubject } from '../helpers/analysis-footage.ts';
import { setDisplayRotation } from '../helpers/fixtures.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { extractFrame, ffmpeg, ffmpegPath, ffprobePath, imageSize, probeFile, regionDifference } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';

const engine = () => ({ ffmpeg: ffmpegPath(), ffprobe: ffprobePath() });
const TIMES = [0.4, 3, 5.5];
const FULL = { x: 0, y: 0, width: 180, height: 320 };
let subject: MovingSubject;
let scenes: GeneratedFootage;
let dir: string;

async function rotatedCopy(file: string, name: string, degrees: 90 | 180 | 270): Promise<string> {
  const copy = join(dir, name);
  await copyFile(file, copy);
  await setDisplayRotation(copy, degrees);
  return copy;
}

beforeAll(async () => {
  dir = makeTempDir('promo-rotated-smart-');
  subject = await generateMovingSubject(640, 360, 6);
  scenes = await generateFootage({ width: 320, height: 180, fps: 30, audio: 'speech', scenes: [{ seconds: 3 }, { seconds: 3 }] });
}, 180_000);

describe('fit: smart on a rotated take', () => {
  it('follows the subject in the displayed picture, and scales a take shown portrait whole and upright', async () => {
    // Stored portrait (the landscape take turned a quarter left), shown landscape by a 90° matrix.
    const stored = join(dir, 'stored-portrait.mp4');
    await ffmpeg(['-v', 'error', '-y', '-i', subject.file, '-vf', 'transpose=2', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', stored], { timeoutMs: 120_000 });
    const files = {
      'plain.mp4': subject.file,
      'landscape.mp4': await rotatedCopy(stored, 'landscape.mp4', 90),
      'portrait.mp4': await rotatedCopy(subject.file, 'portrait.mp4', 90),
    };
    const spec = {
      stream: { title: 'Rotated' },
      products: Object.keys(files).map((name) => ({ sku: name.replace('.mp4', ''), footage: name, fit: 'smart', clips: [{ in: 0, out: 6 }] })),
      outputs: [{ name: 'tall', width: 180, height: 320 }],
      intro: false, outro: false, quality: 'draft',
    };
    const specDir = await makeSpecDir(spec, { files });
    const render = await runCli(['render', specDir.spec, '-c', specDir.config], { cwd: specDir.dir });
    expect(render.code, render.stderr).toBe(0);
    const out = (sku: string) => join(specDir.out, sku, 'tall.mp4');
    for (const sku of ['plain', 'landscape', 'portrait']) {
      const video = (await probeFile(out(sku))).video[0]!;
      expect([video.width, video.height, video.rotate_cw], sku).toEqual([180, 320, 0]);
    }
    for (const t of TIMES) {
      const plain = await extractFrame(out('plain'), t);
      // The same window over the same displayed picture as the unrotated take.
      expect(await regionDifference(await extractFrame(out('landscape'), t), plain, FULL)).toBeLessThan(4);
      // Shown portrait: the displayed frame scaled to 180×320, not a sideways crop of the stored one.
      const portrait = await extractFrame(out('portrait'), t);
      const shown = await sharp(await extractFrame(files['portrait.mp4'], t)).resize(180, 320, { fit: 'fill' }).png().toBuffer();
      expect(await imageSize(shown)).toEqual({ width: 180, height: 320 });
      expect(await regionDifference(portrait, shown, FULL)).toBeLessThan(6);
      // Near the ends the subject is near the top or the bottom: the frame turned over would differ.
      if (t === 3) continue;
      const over = await sharp(shown).rotate(180).png().toBuffer();
      expect(await regionDifference(portrait, over, FULL)).toBeGreaterThan(12);
    }
  }, 300_000);
});

describe('the analysis of a take turned 180° or 270°', () => {
  it('finds the same scenes as the unrotated take, measuring the displayed picture', async () => {
    const plain = await analyseFootage({ ...engine(), file: scenes.file });
    const cuts = (file: string, analysis: typeof plain) => suggestFromAnalysis(file, analysis, { count: 1, length: 2 }).scenes;
    const expected = cuts(scenes.file, plain);
    expect(expected).toHaveLength(2);
    const results: Record<number, typeof plain> = {};
    for (const degrees of [90, 180, 270] as const) {
      const file = await rotatedCopy(scenes.file, `scenes-${degrees}.mp4`, degrees);
      results[degrees] = await analyseFootage({ ...engine(), file });
      expect(results[degrees]!.duration).toBeCloseTo(plain.duration, 3);
      expect(cuts(file, results[degrees]!), `${degrees}°`).toEqual(expected);
    }
    expect([results[180]!.width, results[180]!.height]).toEqual([plain.width, plain.height]);
    expect(results[270]!.width).toBeLessThan(results[270]!.height);
    // Upside down is left for right: the importance of each column is the unrotated one's mirrored,
    // and 270° mirrors 90° the same way (far from the unmirrored columns).
    const distance = (a: number[][], b: number[][], mirror: boolean) => {
      let sum = 0;
      let total = 0;
      a.forEach((row, i) => row.forEach((v, c) => {
        const w = b[i]![mirror ? row.length - 1 - c : c]!;
        sum += Math.abs(v - w);
        total += Math.abs(v) + Math.abs(w);
      }));
      return sum / total;
    };
    expect(distance(results[180]!.columns, plain.columns, true)).toBeLessThan(0.1);
    expect(distance(results[180]!.columns, plain.columns, false)).toBeGreaterThan(0.2);
    expect(distance(results[270]!.columns, results[90]!.columns, true)).toBeLessThan(0.1);
  }, 300_000);
});
