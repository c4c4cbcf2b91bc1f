// The loudness measurement is kept by the content of the audio it measures: a second render of
// the same audio (even with --force) runs no loudness pass and makes the very same file; other
// audio content under the same path is measured again.
import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeVideo } from '../helpers/fixtures.ts';
import { ffmpegPath } from '../helpers/media-assert.ts';
import { makeSpecDir, runCli, TINY_SQUARE, type SpecDir } from '../helpers/spec-dir.ts';

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

describe('loudness measurement memo', () => {
  let dir: SpecDir;
  let log: string;
  const measurements = async () => (await readFile(log, 'utf8')).split('\n').filter((line) => line.includes('ebur128'));
  const render = async () => {
    const result = await runCli(['render', dir.spec, '--config', dir.config, '--force']);
    expect(result.code, result.stderr).toBe(0);
    return sha256(join(dir.out, 'TEA-001', 'tiny.mp4'));
  };

  beforeAll(async () => {
    const footage = await makeVideo({ width: 320, height: 180, duration: 2, audio: 'stereo', loud: -30 });
    dir = await makeSpecDir({
      stream: { title: 'memo' },
      products: [{ sku: 'TEA-001', footage: 'tea.mp4', clips: [{ in: 0, out: 2 }] }],
      outputs: [TINY_SQUARE],
      intro: false,
      outro: false,
      reel: false,
      quality: 'draft',
    }, { files: { 'tea.mp4': footage } });
    // An ffmpeg that logs each run's arguments, then runs the real one.
    const bin = join(dir.dir, 'bin');
    await mkdir(bin);
    const wrapper = join(bin, 'ffmpeg');
    log = join(dir.dir, 'ffmpeg-runs.log');
    await writeFile(log, '');
    await writeFile(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${ffmpegPath()}' "$@"\n`);
    await chmod(wrapper, 0o755);
    await writeFile(dir.config, `${await readFile(dir.config, 'utf8')}ffmpeg: ${wrapper}\n`);
  });

  it('measures once per audio content, and a kept measurement makes the same file', async () => {
    const first = await render();
    expect(await measurements()).toHaveLength(1);
    const kept = await readdir(join(dir.out, '.promo', 'loudness'));
    expect(kept).toHaveLength(1);
    const { integrated } = JSON.parse(await readFile(join(dir.out, '.promo', 'loudness', kept[0]!), 'utf8')) as { integrated: string };
    // The -30 LUFS footage, as measured (it is raised to the spec's target afterwards).
    expect(Math.abs(Number(integrated) + 30)).toBeLessThan(2);

    expect(await render()).toBe(first);
    expect(await measurements()).toHaveLength(1);

    // Louder audio under the same name: a new content key, so it is measured.
    await copyFile(await makeVideo({ width: 320, height: 180, duration: 2, audio: 'stereo', loud: -18 }), join(dir.dir, 'tea.mp4'));
    expect(await render()).not.toBe(first);
    expect(await measurements()).toHaveLength(2);
    expect(await readdir(join(dir.out, '.promo', 'loudness'))).toHaveLength(2);
  });
});
