// Incremental re-render after an out point edit with a crossfade: the edited clip's middle and
// the overlaps either side are encoded again; its neighbours' middles keep their keys (and files)
// though they move on the timeline; the audio, changed, is mixed and encoded whole again. The
// result equals a --force whole render. Needs Debian's ffmpeg (xfade).
import { readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { makeStill, makeVideo } from '../helpers/fixtures.ts';
import { expectEqualToWhole } from '../helpers/incremental-compare.ts';
import { makeSpecDir, runCli, TINY_SQUARE } from '../helpers/spec-dir.ts';
import { hasSystemEngine, SYSTEM_ENGINE as SYSTEM } from '../helpers/transition-edit-case.ts';

function spec(secondOut: number): object {
  return {
    stream: { title: '增量渲染' },
    brand: { logo: 'logo.png', color: '#E60012' },
    products: [{
      sku: 'TEA-001', price: 99, footage: 'tea.mp4',
      clips: [{ in: 0, out: 1.5, caption: '第一段' }, { in: 1.5, out: secondOut, caption: '第二段' }, { in: 3, out: 4.1, caption: '第三段' }],
    }],
    outputs: [TINY_SQUARE],
    intro: false,
    outro: false,
    reel: false,
    quality: 'draft',
    transition: { type: 'crossfade', duration: 0.4 },
  };
}

describe.runIf(hasSystemEngine)('incremental re-render of an out point edit with a crossfade', () => {
  it('an out point edit with a crossfade re-encodes that clip\'s middle and the overlaps beside it; the neighbours\' middles, moved, are kept', async () => {
    const [footage, logo] = await Promise.all([
      makeVideo({ width: 640, height: 360, duration: 6, audio: 'stereo' }),
      makeStill({ width: 128, height: 128, format: 'png' }),
    ]);
    const dir = await makeSpecDir(spec(2.7), { files: { 'tea.mp4': footage, 'logo.png': logo }, config: SYSTEM });
    const first = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(first.code, first.stderr).toBe(0);
    const kept = join(dir.out, '.promo', 'segments');
    const inodes = async () => new Map(await Promise.all((await readdir(kept)).filter((n) => n.endsWith('.mp4')).map(async (n) => [n, (await stat(join(kept, n))).ino] as const)));
    const before = await inodes();
    // Clips of 45, 36 and 33 frames overlapping by 12: three middles and two overlaps.
    expect(before.size).toBe(5);
    // The second clip 0.3 s shorter: 27 frames, 81 in all.
    await writeFile(dir.spec, stringify(spec(2.4)));
    const again = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr + again.stdout).not.toContain('rendered whole');
    const after = await inodes();
    expect([...after.keys()].filter((n) => !before.has(n))).toHaveLength(3);
    expect([...after.keys()].filter((n) => before.get(n) === after.get(n))).toHaveLength(2);
    const reference = join(dir.dir, 'whole');
    const whole = await runCli(['render', dir.spec, '--config', dir.config, '--force', '--out', reference]);
    expect(whole.code, whole.stderr).toBe(0);
    const mine = join(dir.out, 'TEA-001', 'tiny.mp4');
    const theirs = join(reference, 'TEA-001', 'tiny.mp4');
    // The audio changed, so it was mixed and encoded whole again: the whole render's all the same.
    await expectEqualToWhole(mine, theirs, 81);
  }, 60_000);
});
