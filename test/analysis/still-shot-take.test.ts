// A still shot is not a frozen one: a picture held without any motion of its own but with the
// camera's sensor noise (a product on a tripod, recorded at a phone's bitrate) is proposed, while
// the same picture repeated frame for frame (a stalled camera) is rejected as frozen. Real files,
// real decodes: the noise is what ffmpeg's `noise` filter adds to each frame before x264 keeps it.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { ffmpeg } from '../helpers/media-assert.ts';
import { runCli } from '../helpers/spec-dir.ts';

interface Suggested { defects: { kind: string; start: number; end: number }[]; clips: { in: number; out: number }[] }

let dir: string;
const still = (name: string, noise: number) => ffmpeg([
  '-y', '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=30:d=1',
  '-filter_complex', `[0:v]trim=end_frame=1,loop=loop=120:size=1:start=0,setpts=N/30/TB${noise > 0 ? `,noise=alls=${noise}:allf=t` : ''}[v]`,
  '-map', '[v]', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '10', '-pix_fmt', 'yuv420p', join(dir, name),
]);

beforeAll(async () => {
  dir = makeTempDir('promo-still-shot-');
  await Promise.all([still('tripod.mp4', 2), still('stalled.mp4', 0)]);
}, 120_000);

describe('a still shot against a frozen one', () => {
  it('proposes the held picture with sensor noise and rejects the repeated one as frozen', async () => {
    const run = await runCli(['suggest', join(dir, 'tripod.mp4'), join(dir, 'stalled.mp4'), '--count', '1', '--length', '2', '--json', '-o', dir], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const [tripod, stalled] = JSON.parse(run.stdout) as Suggested[];
    expect(tripod!.defects.filter((d) => d.kind === 'frozen')).toEqual([]);
    expect(tripod!.clips).toHaveLength(1);
    expect(stalled!.defects.map((d) => d.kind)).toContain('frozen');
    expect(stalled!.clips).toEqual([]);
  }, 120_000);
});
