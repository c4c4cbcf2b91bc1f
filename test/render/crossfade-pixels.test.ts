// A crossfade in pixels (Debian's ffmpeg, which has xfade): a red clip, a blue clip and a green
// clip of one take, 2 s each, crossfaded by 0.5 s (15 frames at 30 fps). Every frame outside the overlaps is
// its clip's own colour, the overlaps blend from one to the next over exactly their 15 frames,
// and the video is 6 s less two overlaps. The overlaps alone go through xfade (plan-item-join.ts),
// so a frame off by one at a head, body or tail shows here.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { extractFrame, ffmpeg, meanColour, probeFile } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';
import { hasSystemEngine, SYSTEM_ENGINE } from '../helpers/transition-edit-case.ts';

const FPS = 30;
const OVERLAP = 15;
const COLOURS = { red: [255, 0, 0], blue: [0, 0, 255], green: [0, 255, 0] } as const;
const HEX: Record<string, string> = { red: '0xFF0000', blue: '0x0000FF', green: '0x00FF00' };
let video: string;

beforeAll(async () => {
  if (!hasSystemEngine) return;
  const dir = makeTempDir('promo-crossfade-pixels-');
  // One take: 2.5 s of red, then blue, then green.
  const take = join(dir, 'take.mp4');
  const colours = Object.keys(COLOURS);
  await ffmpeg(['-v', 'error', '-y', ...colours.flatMap((name) => ['-f', 'lavfi', '-i', `color=${HEX[name]}:s=320x180:r=${FPS}:d=2.5`]), '-f', 'lavfi', '-i', 'sine=d=7.5',
    '-filter_complex', `${colours.map((_, i) => `[${i}:v]`).join('')}concat=n=3:v=1:a=0[v]`, '-map', '[v]', '-map', '3:a',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', take]);
  const spec = {
    stream: { title: 'Crossfade' }, intro: false, outro: false, quality: 'draft', transition: { type: 'crossfade', duration: 0.5 },
    products: [{ sku: 'XF', footage: 'take.mp4', clips: [{ in: 0, out: 2 }, { in: 2.5, out: 4.5 }, { in: 5, out: 7 }] }],
    outputs: [{ name: 'wide', width: 320, height: 180, fps: FPS }],
  };
  const specDir = await makeSpecDir(spec, { files: { 'take.mp4': take }, config: SYSTEM_ENGINE });
  const render = await runCli(['render', specDir.spec, '-c', specDir.config], { cwd: specDir.dir });
  expect(render.code, render.stderr).toBe(0);
  video = join(specDir.out, 'XF', 'wide.mp4');
}, 300_000);

/** How far (0 = `from`, 1 = `to`) frame n's mean colour lies along the line between the two. */
async function progress(n: number, from: readonly number[], to: readonly number[]): Promise<number> {
  const { r, g, b } = await meanColour(await extractFrame(video, (n + 0.5) / FPS));
  const seen = [r, g, b];
  const along = from.map((f, i) => (seen[i]! - f) * (to[i]! - f)).reduce((x, y) => x + y, 0);
  return along / from.map((f, i) => (to[i]! - f) ** 2).reduce((x, y) => x + y, 0);
}

describe.runIf(hasSystemEngine)('a crossfade, frame by frame', () => {
  it('is 6 s less two overlaps', async () => {
    expect((await probeFile(video, { countFrames: true })).video[0]!.nb_read_frames).toBe(3 * 2 * FPS - 2 * OVERLAP);
  });

  it('shows each clip\'s own colour outside the overlaps, up to the frame', async () => {
    const { red, blue, green } = COLOURS;
    // Red 0–44, red→blue 45–59, blue 60–89, blue→green 90–104, green 105–149.
    for (const [n, from, to] of [[0, red, blue], [44, red, blue], [60, blue, green], [89, blue, green], [105, green, blue], [149, green, blue]] as const) {
      expect(Math.abs(await progress(n, from, to)), `frame ${n}`).toBeLessThan(0.04);
    }
  });

  it('blends over exactly the overlaps\' frames, from one clip to the next', async () => {
    const { red, blue, green } = COLOURS;
    for (const [start, from, to] of [[45, red, blue], [90, blue, green]] as const) {
      const steps = [];
      for (let i = 0; i < OVERLAP; i++) steps.push(await progress(start + i, from, to));
      // xfade's fade moves 1/15 of the way each frame: all of the clip before at the first, 14/15 of the next at the last.
      steps.forEach((step, i) => expect(Math.abs(step - i / OVERLAP), `frame ${start + i}`).toBeLessThan(0.03));
    }
  });
});
