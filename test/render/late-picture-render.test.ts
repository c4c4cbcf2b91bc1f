// A hand-written clip that starts before its take's picture does (the sound starts first, the
// video stream's start_time 0.3 s, a phone's take): the render holds the first frame until the
// picture starts and then shows each frame where the file plays it, beside its sound, instead of
// the whole picture 0.3 s early.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../src/media/probe-media.ts';
import { generateFootage, type GeneratedFootage } from '../helpers/analysis-footage.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { delayStream, extractFrame, ffprobePath, probeFile, regionDifference } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';

const LATE = 0.3;
const FPS = 30;
const WHOLE = { x: 0, y: 0, width: 320, height: 180 };
let take: GeneratedFootage;
let late: string;
let rendered: string;
let cut: number;

beforeAll(async () => {
  const dir = makeTempDir('promo-late-picture-render-');
  take = await generateFootage({ width: 320, height: 180, fps: FPS, audio: 'speech', scenes: [{ seconds: 4 }, { seconds: 4 }] }, dir);
  late = join(dir, 'late.mp4');
  await delayStream(take.file, 'video', LATE, late);
  cut = take.cutFrames[0]! / take.fps + LATE;
  const spec = {
    stream: { title: 'Late picture' }, intro: false, outro: false, quality: 'draft',
    products: [{ sku: 'LATE', footage: 'late.mp4', clips: [{ in: 0, out: 5 }] }],
    outputs: [{ name: 'wide', width: 320, height: 180, fps: FPS }],
  };
  const specDir = await makeSpecDir(spec, { files: { 'late.mp4': late } });
  const render = await runCli(['render', specDir.spec, '-c', specDir.config], { cwd: specDir.dir });
  expect(render.code, render.stderr).toBe(0);
  rendered = join(specDir.out, 'LATE', 'wide.mp4');
}, 300_000);

describe('a clip starting before its take\'s picture', () => {
  it('knows the picture starts 0.3 s into the file', async () => {
    const info = await probeMedia(late, { ffprobe: ffprobePath(), kind: 'video' });
    expect(info.video!.delay).toBeCloseTo(LATE, 3);
    expect((await probeMedia(take.file, { ffprobe: ffprobePath(), kind: 'video' })).video!.delay).toBe(0);
  });

  it('lasts the clip\'s 5 s', async () => {
    expect((await probeFile(rendered)).format.duration).toBeCloseTo(5, 1);
  });

  it('shows the last frame before the cut where the file has it, not 0.3 s early', async () => {
    const at = cut - 2.5 / FPS;
    const [shown, there, early] = await Promise.all([
      extractFrame(rendered, at), extractFrame(late, at), extractFrame(late, at + LATE),
    ]);
    // 0.3 s early the frame is past the cut, in the next scene.
    expect(await regionDifference(there, early, WHOLE)).toBeGreaterThan(30);
    expect(await regionDifference(shown, there, WHOLE)).toBeLessThan(15);
  });

  it('holds the picture\'s first frame until it starts', async () => {
    const first = await extractFrame(late, LATE + 0.5 / FPS);
    for (const at of [0.5 / FPS, LATE - 1.5 / FPS, LATE + 0.5 / FPS]) {
      expect(await regionDifference(await extractFrame(rendered, at), first, WHOLE), `at ${at}`).toBeLessThan(15);
    }
  });
});
