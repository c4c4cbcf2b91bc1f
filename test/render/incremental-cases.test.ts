// Cases of the incremental re-render: kept segments damaged since they were kept (the output is
// rendered whole, the run says why, and the whole render keeps new ones over them); and the
// incremental path with Debian's ffmpeg 5.1 as the engine (CI installs it), not only the bundled 4.1;
// and its output checked by one ffprobe, not once by the re-render and again by the job.
import { existsSync } from 'node:fs';
import { chmod, readFile, readdir, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { makeStill, makeVideo } from '../helpers/fixtures.ts';
import { probeFile } from '../helpers/media-assert.ts';
import { expectEqualToWhole } from '../helpers/incremental-compare.ts';
import { makeSpecDir, runCli, TINY_SQUARE } from '../helpers/spec-dir.ts';

const SYSTEM = { ffmpeg: '/usr/bin/ffmpeg', ffprobe: '/usr/bin/ffprobe' };
const hasSystem = Boolean(process.env.PROMO_REQUIRE_SYSTEM_FFMPEG) || (existsSync(SYSTEM.ffmpeg) && existsSync(SYSTEM.ffprobe));

function spec(caption: string, overrides: object = {}): object {
  return {
    stream: { title: '增量渲染' },
    brand: { logo: 'logo.png', color: '#E60012' },
    products: [{
      sku: 'TEA-001', price: 99, footage: 'tea.mp4',
      clips: [{ in: 0, out: 1.5, caption: '第一段' }, { in: 1.5, out: 2.7, caption }, { in: 3, out: 4.1, caption: '第三段' }],
    }],
    outputs: [TINY_SQUARE],
    intro: false,
    outro: false,
    reel: false,
    quality: 'draft',
    ...overrides,
  };
}

async function specDir(content: object, config: object = {}) {
  const [footage, logo] = await Promise.all([
    makeVideo({ width: 640, height: 360, duration: 6, audio: 'stereo' }),
    makeStill({ width: 128, height: 128, format: 'png' }),
  ]);
  return makeSpecDir(content, { files: { 'tea.mp4': footage, 'logo.png': logo }, config });
}

describe('incremental re-render cases', () => {
  it('kept segments damaged since render whole, say why, and are kept anew', async () => {
    const dir = await specDir(spec('第二段'));
    const first = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(first.code, first.stderr).toBe(0);
    const kept = join(dir.out, '.promo', 'segments');
    const names = (await readdir(kept)).filter((name) => name.endsWith('.mp4'));
    expect(names).toHaveLength(3);
    for (const name of names) await truncate(join(kept, name), 100);
    await writeFile(dir.spec, stringify(spec('第二段 改过')));
    const again = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr + again.stdout).toContain('TEA-001: rendered whole: the incremental re-render failed');
    const probed = await probeFile(join(dir.out, 'TEA-001', 'tiny.mp4'));
    expect(probed.video[0]!.nb_frames).toBe(114);
    // The unchanged clips' segments (same keys) are whole again; the edited clip's old one is gone.
    const sizes = await Promise.all(names.map((name) => stat(join(kept, name)).then((s) => s.size, () => undefined)));
    expect(sizes.filter((size) => size === undefined)).toHaveLength(1);
    for (const size of sizes) if (size !== undefined) expect(size).toBeGreaterThan(100);
  }, 60_000);

  it.runIf(hasSystem)('with the system ffmpeg as the engine, a caption edit re-renders equal to a whole render', async () => {
    const dir = await specDir(spec('第二段'), SYSTEM);
    const first = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(first.code, first.stderr).toBe(0);
    await writeFile(dir.spec, stringify(spec('第二段 改过')));
    const again = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr + again.stdout).not.toContain('rendered whole');
    const reference = join(dir.dir, 'whole');
    const whole = await runCli(['render', dir.spec, '--config', dir.config, '--force', '--out', reference]);
    expect(whole.code, whole.stderr).toBe(0);
    const mine = join(dir.out, 'TEA-001', 'tiny.mp4');
    const theirs = join(reference, 'TEA-001', 'tiny.mp4');
    await expectEqualToWhole(mine, theirs, 114);
  }, 60_000);

  it.runIf(hasSystem)('a re-render runs no ffprobe on its output or segment (the check reads their movie boxes, and is the job\'s)', async () => {
    const dir = await specDir(spec('第二段'));
    // The engine's ffprobe logs the file each run probes (its last argument), then runs the real one.
    const log = join(dir.dir, 'probes.log');
    const wrapper = join(dir.dir, 'ffprobe');
    await writeFile(wrapper, `#!/bin/sh\nfor last; do :; done\necho "$last" >> '${log}'\nexec ${SYSTEM.ffprobe} "$@"\n`);
    await chmod(wrapper, 0o755);
    await writeFile(dir.config, stringify({ out: 'out', state: '.promo/state.db', timezone: 'Asia/Shanghai', render: { concurrency: 1 }, ...SYSTEM, ffprobe: wrapper }));
    const first = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(first.code, first.stderr).toBe(0);
    await writeFile(log, '');
    await writeFile(dir.spec, stringify(spec('第二段 改过')));
    const again = await runCli(['render', dir.spec, '--config', dir.config]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr + again.stdout).not.toContain('rendered whole');
    // Before read-mp4-movie.ts: one ffprobe of the output (verify-output.ts) and one of the lone
    // segment encoded (its frame count).
    const probed = (await readFile(log, 'utf8')).split('\n').filter((file) => file.endsWith('.mp4'));
    expect(probed).toEqual([]);
    expect((await probeFile(join(dir.out, 'TEA-001', 'tiny.mp4'))).video[0]!.nb_frames).toBe(114);
  }, 60_000);
});
