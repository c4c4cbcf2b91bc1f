// `promo init`'s config shows a commented example of each video-platform channel; uncommented, the
// examples are a configuration promo takes, with a channel of each platform for `promo accounts`.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { runCli } from '../helpers/spec-dir.ts';

describe('promo init: the starter config', () => {
  it('holds a commented YouTube, TikTok, Instagram, Douyin and Kuaishou channel that load once uncommented', async () => {
    const dir = makeTempDir();
    expect((await runCli(['init', dir])).code).toBe(0);
    const config = join(dir, 'config.yaml');
    const text = await readFile(config, 'utf8');
    // Commented out as written: nothing to connect until the user chooses.
    expect(text).not.toMatch(/^channels:/m);
    const accounts = async () => {
      const run = await runCli(['accounts', '--json', '--config', config]);
      expect(run.code, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as { channel: string; type: string; status: string }[];
    };
    expect(await accounts()).toEqual([]);
    const uncommented = text.replace(/^# (channels:|  {1,3}\S.*)$/gm, '$1');
    expect(uncommented).toMatch(/^channels:\n {2}shorts: +# YouTube/m);
    await writeFile(config, uncommented);
    expect((await accounts()).map(({ channel, type, status }) => [channel, type, status])).toEqual([
      ['shorts', 'youtube', 'not-connected'], ['shop-tiktok', 'tiktok', 'not-connected'], ['shop-ig', 'instagram', 'not-connected'],
      ['shop-douyin', 'douyin', 'not-connected'], ['shop-ks', 'kuaishou', 'not-connected'],
    ]);
  });
});
