// A phone take stored as landscape frames with a 90° display matrix: the probe reports the
// displayed (portrait) size, the analysis measures portrait frames, and the cuts found are the
// same as in the unrotated take.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseFootage } from '../../src/analysis/analyse-footage.ts';
import { suggestFromAnalysis } from '../../src/analysis/suggest-from-analysis.ts';
import { probeMedia } from '../../src/media/probe-media.ts';
import { generateFootage, type GeneratedFootage } from '../helpers/analysis-footage.ts';
import { setDisplayRotation } from '../helpers/fixtures.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { ffmpegPath, ffprobePath } from '../helpers/media-assert.ts';

const engine = () => ({ ffmpeg: ffmpegPath(), ffprobe: ffprobePath() });
let take: GeneratedFootage;
let rotated: string;

beforeAll(async () => {
  take = await generateFootage({ width: 320, height: 180, fps: 30, audio: 'speech', scenes: [{ seconds: 3 }, { seconds: 3 }] });
  rotated = join(makeTempDir('promo-rotated-'), 'rotated.mp4');
  await copyFile(take.file, rotated);
  await setDisplayRotation(rotated, 90);
}, 120_000);

describe('a take with a 90° rotation tag', () => {
  it('is probed at its displayed, portrait size', async () => {
    const video = (await probeMedia(rotated, { ffprobe: ffprobePath(), kind: 'video' })).video!;
    expect([video.width, video.height]).toEqual([320, 180]);
    expect([video.displayWidth, video.displayHeight]).toEqual([180, 320]);
    expect(video.rotation).toBe(90);
  }, 60_000);

  it('is analysed upright and gives the same cut times and duration as the unrotated take', async () => {
    const plain = await analyseFootage({ ...engine(), file: take.file });
    const turned = await analyseFootage({ ...engine(), file: rotated });
    expect(plain.width).toBeGreaterThan(plain.height);
    expect(turned.width).toBeLessThan(turned.height);
    expect(turned.duration).toBeCloseTo(plain.duration, 3);
    const scenes = (file: string, analysis: typeof plain) => suggestFromAnalysis(file, analysis, { count: 1, length: 2 }).scenes;
    const cuts = scenes(rotated, turned);
    expect(cuts).toEqual(scenes(take.file, plain));
    expect(cuts).toHaveLength(2);
    expect(Math.abs(Math.round(cuts[1]!.start * take.fps) - take.cutFrames[0]!)).toBeLessThanOrEqual(2);
  }, 120_000);
});
