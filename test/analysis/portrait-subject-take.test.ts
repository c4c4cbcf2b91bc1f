// A portrait phone take on a tripod: a steady, plainly textured background and a bright, busy
// subject (a testsrc2 square) moving up and down in front of it. Its motion is the subject's, not
// the camera's: promo suggest reports no shake and a steady camera. The same take with the whole
// picture jerking for two seconds (a shaking hand) is still shaky there.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Defect } from '../../src/analysis/analysis-types.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { ffmpeg } from '../helpers/media-assert.ts';
import { runCli } from '../helpers/spec-dir.ts';

interface Suggested { defects: Defect[]; clips: { in: number; out: number; reasons: string[] }[] }

const results: Record<'tripod' | 'handheld', Suggested> = {} as never;

// 8 s of 360×640: the background one still frame of testsrc, dimmed and softened; the subject
// 200 px square, 170 px up and down of the middle, 0.8 times a second. `shake`: the whole picture
// moves up to 10 px each way at random from 2 to 4 s (a crop of a larger one).
async function makeTake(file: string, shake: boolean): Promise<void> {
  const jitter = (seed: number) => (shake ? `10+between(t\\,2\\,4)*10*(2*random(${seed})-1)` : '10');
  await ffmpeg([
    '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=s=380x660:r=30:d=1', '-f', 'lavfi', '-i', 'testsrc2=s=200x200:r=30:d=8',
    '-filter_complex', [
      '[0:v]trim=end_frame=1,lutyuv=y=val*0.35+80:u=128:v=128,gblur=sigma=1.5,loop=loop=-1:size=1,trim=duration=8,setpts=N/30/TB[bg]',
      `[bg][1:v]overlay=x=(W-w)/2:y='(H-h)/2+170*sin(2*PI*t*0.8)':eval=frame,crop=360:640:x='${jitter(1)}':y='${jitter(2)}',format=yuv420p[v]`,
    ].join(';'),
    '-map', '[v]', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-t', '8', file,
  ], { timeoutMs: 120_000 });
}

beforeAll(async () => {
  const dir = makeTempDir('promo-portrait-subject-');
  const files = { tripod: join(dir, 'tripod.mp4'), handheld: join(dir, 'handheld.mp4') };
  await Promise.all([makeTake(files.tripod, false), makeTake(files.handheld, true)]);
  const run = await runCli(['suggest', files.tripod, files.handheld, '--count', '2', '--length', '1.5', '--json', '-o', dir], { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  const [tripod, handheld] = JSON.parse(run.stdout) as Suggested[];
  Object.assign(results, { tripod, handheld });
}, 300_000);

describe('a portrait take whose subject moves up and down in front of a steady camera', () => {
  it('has no shake and its clips a steady camera', () => {
    expect(results.tripod.defects.filter((d) => d.kind === 'shaky')).toEqual([]);
    expect(results.tripod.clips).toHaveLength(2);
    for (const clip of results.tripod.clips) {
      expect(clip.reasons).toContain('steady camera');
      expect(clip.reasons.join('; ')).not.toMatch(/camera movement/);
    }
  });

  it('is shaky where the whole picture shakes', () => {
    const shaky = results.handheld.defects.filter((d) => d.kind === 'shaky');
    expect(shaky).toHaveLength(1);
    expect(shaky[0]!.start).toBeGreaterThanOrEqual(1.7);
    expect(shaky[0]!.start).toBeLessThanOrEqual(2.3);
    expect(shaky[0]!.end).toBeGreaterThanOrEqual(3.7);
    expect(shaky[0]!.end).toBeLessThanOrEqual(4.3);
    for (const clip of results.handheld.clips) expect(clip.in >= 4 || clip.out <= 2, `${clip.in}–${clip.out}`).toBe(true);
  });
});
