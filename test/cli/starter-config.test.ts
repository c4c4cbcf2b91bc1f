// `promo init`'s config shows a commented example of each video-platform channel; uncommented, the
// examples are a configuration promo takes, with a channel of each platform for `promo accounts`.
// Its spec shows commented posts for those channels, which then plan as written, with no warning.
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

describe('promo init: the starter spec', () => {
  it('holds commented platform posts that, uncommented with the config\'s channels, plan without a warning', async () => {
    const dir = makeTempDir();
    expect((await runCli(['init', dir])).code).toBe(0);
    const uncomment = async (file: string, key: string) => {
      const text = await readFile(join(dir, file), 'utf8');
      expect(text).not.toMatch(new RegExp(`^${key}:`, 'm'));
      await writeFile(join(dir, file), text.replace(new RegExp(`^# (${key}:|  {1,3}\\S.*)$`, 'gm'), '$1'));
    };
    await uncomment('config.yaml', 'channels');
    await uncomment('spec.yaml', 'posts');
    // The stream's own day, before its posts: the plan needs no footage or render.
    const plan = await runCli(['posts', 'plan', 'spec.yaml', '--json', '--now', '2026-12-01T08:00:00+08:00', '--config', 'config.yaml'], { cwd: dir });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).not.toContain('warning');
    const posts = JSON.parse(plan.stdout) as { channel: string; subject: string; due: string; title?: string; text: string; tags?: string[] }[];
    expect(posts.map((p) => [p.channel, p.subject, p.due]).sort()).toEqual([
      ['shop-douyin', 'CUP-002', '2026-12-01T11:00:00.000Z'], ['shop-ig', 'CUP-002', '2026-12-01T11:00:00.000Z'],
      ['shop-ks', 'CUP-002', '2026-12-01T11:00:00.000Z'], ['shop-tiktok', 'CUP-002', '2026-12-01T11:00:00.000Z'],
      ['shorts', 'TEA-001', '2026-12-01T10:00:00.000Z'],
    ]);
    expect(posts.find((p) => p.channel === 'shorts')).toMatchObject({ title: '明前龙井 今晚20:00直播', tags: ['明前龙井', '绿茶'] });
    expect(posts.find((p) => p.channel === 'shop-ks')!.text).toBe('手工青瓷茶杯 今晚直播价¥39 #直播 #茶具');
  });
});
