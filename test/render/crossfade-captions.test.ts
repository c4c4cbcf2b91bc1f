// Captions and price badges at a crossfade, in pixels (Debian's ffmpeg, which has xfade): a dark
// red clip and a dark blue clip of one take, 2 s each, crossfaded by 0.5 s. With a white caption
// each, no frame of the overlap shows text (xfade would blend one caption through the other);
// every frame either side of it shows its clip's caption, up to the frame. As two products'
// clips in the reel, the same holds for their price badges ("¥99" blended over "¥39").
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { ffmpeg } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';
import { hasSystemEngine, SYSTEM_ENGINE } from '../helpers/transition-edit-case.ts';

const FPS = 30;
/** Luma no frame of the solid clips (or a blend of them) reaches; caption text (white) goes far above it. */
const TEXT_LUMA = 180;
let brightest: number[] = [];
let reelBrightest: number[] = [];

/** Each frame's highest luma. */
async function brightestOf(video: string): Promise<number[]> {
  const { stdout } = await ffmpeg(['-v', 'error', '-i', video, '-vf', 'signalstats,metadata=print:key=lavfi.signalstats.YMAX:file=-', '-f', 'null', '-']);
  return [...stdout.toString('utf8').matchAll(/YMAX=(\d+)/g)].map((m) => Number(m[1]));
}

beforeAll(async () => {
  if (!hasSystemEngine) return;
  const dir = makeTempDir('promo-crossfade-captions-');
  const take = join(dir, 'take.mp4');
  await ffmpeg(['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=0x801010:s=640x360:r=${FPS}:d=2.5`, '-f', 'lavfi', '-i', `color=0x101080:s=640x360:r=${FPS}:d=2.5`,
    '-f', 'lavfi', '-i', 'sine=d=5', '-filter_complex', '[0:v][1:v]concat=n=2:v=1:a=0[v]', '-map', '[v]', '-map', '2:a',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', take]);
  const common = { stream: { title: 'Crossfade captions' }, intro: false, outro: false, quality: 'draft', transition: { type: 'crossfade', duration: 0.5 }, outputs: [{ name: 'wide', width: 640, height: 360, fps: FPS }] };
  const captioned = await makeSpecDir({
    ...common, reel: false,
    products: [{ sku: 'XC', footage: 'take.mp4', clips: [{ in: 0, out: 2, caption: '第一段 红色' }, { in: 2.5, out: 4.5, caption: '第二段 蓝色' }] }],
  }, { files: { 'take.mp4': take }, config: SYSTEM_ENGINE });
  const priced = await makeSpecDir({
    ...common, reel: true,
    products: [{ sku: 'RED', price: 99, footage: 'take.mp4', clips: [{ in: 0, out: 2 }] }, { sku: 'BLUE', price: 39, footage: 'take.mp4', clips: [{ in: 2.5, out: 4.5 }] }],
  }, { files: { 'take.mp4': take }, config: SYSTEM_ENGINE });
  for (const specDir of [captioned, priced]) {
    const render = await runCli(['render', specDir.spec, '-c', specDir.config], { cwd: specDir.dir });
    expect(render.code, render.stderr).toBe(0);
  }
  brightest = await brightestOf(join(captioned.out, 'XC', 'wide.mp4'));
  reelBrightest = await brightestOf(join(priced.out, 'reel', 'wide.mp4'));
}, 300_000);

describe.runIf(hasSystemEngine)('captions at a crossfade', () => {
  it('are on every frame of each clip\'s own and on no frame of the overlap', () => {
    // Clip one 0–59, the overlap 45–59 (15 frames), clip two 45–104.
    expect(brightest).toHaveLength(105);
    const withText = brightest.flatMap((luma, n) => (luma > TEXT_LUMA ? [n] : []));
    expect(withText).toEqual([...Array.from({ length: 45 }, (_, n) => n), ...Array.from({ length: 45 }, (_, n) => 60 + n)]);
  });

  it('show two products\' price badges in the reel on their own clips\' frames and neither on the overlap', () => {
    expect(reelBrightest).toHaveLength(105);
    const withText = reelBrightest.flatMap((luma, n) => (luma > TEXT_LUMA ? [n] : []));
    expect(withText).toEqual([...Array.from({ length: 45 }, (_, n) => n), ...Array.from({ length: 45 }, (_, n) => 60 + n)]);
  });
});
