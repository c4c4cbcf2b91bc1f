// A product's cover frame comes out of the render's own decode (one ffmpeg run reads the
// footage's pictures, not two): the PNG it writes is the very frame a separate grab at the cover
// time gives, and no separate grab runs unless the cover time lies outside the product's clips.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../src/media/probe-media.ts';
import { planCoverFrames } from '../../src/plan/plan-cover-frames.ts';
import { planEncoding } from '../../src/plan/plan-encoding.ts';
import { planFrameGrab } from '../../src/plan/plan-frame-grab.ts';
import { planTimeline } from '../../src/plan/plan-timeline.ts';
import type { PresetOutput, TimelineClip } from '../../src/plan/plan-types.ts';
import type { PresetDef } from '../../src/presets/presets.ts';
import { runFfmpeg } from '../../src/render/run-ffmpeg.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { ffmpegPath, ffprobePath, imageSize } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';

const preset = (name: string, width: number, height: number, fit: 'blur' | 'pad'): PresetDef => ({
  name, label: name, width, height, fps: 30, logo: false, fit, source: 'test', safe: { top: 0, bottom: 0, left: 0, right: 0 },
});
const TALL = preset('tall', 180, 320, 'blur');
const BOXED = preset('boxed', 240, 240, 'pad');

/** Mean squared difference per channel value of two images of one size (0 when identical). */
async function meanSquaredDifference(a: string, b: string): Promise<number> {
  const [x, y] = await Promise.all([a, b].map((file) => sharp(file).removeAlpha().raw().toBuffer()));
  expect(x!.length).toBe(y!.length);
  let sum = 0;
  for (let i = 0; i < x!.length; i++) sum += (x![i]! - y![i]!) ** 2;
  return sum / x!.length;
}

describe('cover frames from the render', () => {
  let footage: string;
  beforeAll(async () => {
    // 4 s with x264's default GOP: one keyframe, so any seek decodes from 0 s.
    footage = await makeVideo({ width: 640, height: 360, duration: 4, audio: 'stereo' });
  });

  it('writes, in the render, the frame a separate grab at the cover time gives', async () => {
    const dir = makeTempDir('promo-cover-');
    const media = await probeMedia(footage, { ffprobe: ffprobePath(), kind: 'video' });
    const clip: TimelineClip = {
      kind: 'clip', source: footage, media, still: false, start: 1, duration: 2, fit: undefined, focus: 0.5,
      padColor: '#102030', captions: [], product: 'TEA',
    };
    const outputs: PresetOutput[] = [TALL, BOXED].map((p) => ({ preset: p, target: join(dir, `${p.name}.mp4`), badges: {}, captions: {} }));
    const grab = planFrameGrab([clip], 'TEA', 2.5, outputs.map((o) => join(dir, `grab-${o.preset.name}.png`)))!;
    expect(grab).toEqual({ item: 0, offset: 1.5, targets: [join(dir, 'grab-tall.png'), join(dir, 'grab-boxed.png')] });
    const plan = planTimeline({
      items: [clip], outputs, audio: { limit: false }, encode: planEncoding('draft'), capabilities: { fpsModeOption: '-vsync' }, frameGrab: grab,
    });
    const run = { ffmpeg: ffmpegPath(), timeoutMs: 120_000 };
    await runFfmpeg(plan.command, run);
    // The separate grab promo used before (and still uses for a cover outside the clips), at the
    // cover time and one frame later.
    const separate = (time: number, tag: string) => runFfmpeg(planCoverFrames({
      clip: { ...clip, start: time, duration: 1 },
      targets: outputs.map((o) => ({ preset: o.preset, target: join(dir, `${tag}-${o.preset.name}.png`) })),
    }), run);
    await separate(2.5, 'at');
    await separate(2.5 + 1 / 30, 'next');
    for (const name of ['tall', 'boxed']) {
      expect(await imageSize(await readFile(join(dir, `grab-${name}.png`)))).toEqual(name === 'tall' ? { width: 180, height: 320 } : { width: 240, height: 240 });
      expect(await meanSquaredDifference(join(dir, `grab-${name}.png`), join(dir, `at-${name}.png`))).toBeLessThan(0.5);
      // The footage moves from frame to frame: one frame off would show.
      expect(await meanSquaredDifference(join(dir, `grab-${name}.png`), join(dir, `next-${name}.png`))).toBeGreaterThan(5);
    }
  });

  it('reads the footage in two ffmpeg runs (loudness, render) when a clip holds the cover time, three when none does', async () => {
    const dir = await makeSpecDir({
      stream: { title: 'cover' },
      products: [
        { sku: 'INSIDE', price: 9, footage: 'tea.mp4', clips: [{ in: 1, out: 3, caption: '封面' }] },
        // Another range than INSIDE's: the same audio would be measured once (measure-loudness-memo.ts).
        { sku: 'OUTSIDE', price: 9, footage: 'cup.mp4', cover: 3.5, clips: [{ in: 0.5, out: 2.5 }] },
      ],
      outputs: [{ name: 'small', width: 180, height: 320 }],
      // The clip does not open the timeline: its grab must wait for the intro without piling up.
      intro: { duration: 1 },
      outro: false,
      reel: false,
      quality: 'draft',
    }, { files: { 'tea.mp4': footage, 'cup.mp4': footage } });
    // An ffmpeg that logs each run's arguments, then runs the real one.
    const bin = join(dir.dir, 'bin');
    await mkdir(bin);
    const wrapper = join(bin, 'ffmpeg');
    await writeFile(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${join(dir.dir, 'ffmpeg-runs.log')}'\nexec '${ffmpegPath()}' "$@"\n`);
    await chmod(wrapper, 0o755);
    await writeFile(dir.config, `${await readFile(dir.config, 'utf8')}ffmpeg: ${wrapper}\n`);
    const result = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(result.code, result.stderr).toBe(0);
    const runs = (await readFile(join(dir.dir, 'ffmpeg-runs.log'), 'utf8')).split('\n');
    const inside = runs.filter((line) => line.includes('tea.mp4'));
    const outside = runs.filter((line) => line.includes('cup.mp4'));
    expect(inside).toHaveLength(2);
    expect(inside[1]).toContain('frame-small.png');
    expect(outside).toHaveLength(3);
    expect(outside.filter((line) => line.includes('frame-small.png'))).toHaveLength(1);
    expect(outside.some((line) => line.includes('-ss 3.500 -t 1'))).toBe(true);
    for (const sku of ['INSIDE', 'OUTSIDE']) {
      expect(await imageSize(await readFile(join(dir.out, sku, 'small.jpg')))).toEqual({ width: 180, height: 320 });
    }
  });
});
