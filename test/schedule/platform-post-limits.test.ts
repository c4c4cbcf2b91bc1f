// Posts for video platforms at planning time: `title:` and `tags:` with placeholders filled, a
// post needs `video:`, and what the platform's limits (the kinds' tables) would refuse later is
// refused now at spec.yaml:LINE:COL: YouTube's 100-character title without < >, 5000-byte
// description and 500-character tags; Instagram's 30 hashtags. Platforms that have no title or
// no tags say so as a warning instead of dropping them silently.
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { loadSpec } from '../../src/promo-spec/load-spec.ts';
import { planPosts } from '../../src/schedule/plan-posts.ts';
import { configTextLimits } from '../../src/schedule/config-text-limits.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';

const CHANNELS = {
  shorts: { type: 'youtube', clientId: 'id.apps.googleusercontent.com', clientSecret: '${YT_SECRET}' },
  tt: { type: 'tiktok', clientKey: 'awx1example', clientSecret: '${TT_SECRET}' },
  reels: { type: 'instagram', appId: '1234567890', appSecret: '${IG_SECRET}', accountId: '17841400000000000' },
  fans: { type: 'wecom', url: '${WECOM_FANS_WEBHOOK}' },
  dy: { type: 'douyin', clientKey: 'awx1234567890abcd', clientSecret: '${DY_SECRET}' },
};

async function plan(post: Record<string, unknown>) {
  const dir = await makeSpecDir({
    stream: { title: 'Tea night', start: '2026-12-01 20:00', timezone: 'Asia/Shanghai' },
    products: [{ sku: 'TEA-001', name: '明前龙井', price: 99, footage: 'tea.mp4', clips: [{ in: 0, out: 2 }] }],
    outputs: ['shorts'],
    posts: [{ at: '-3h', text: 'Tonight: {{product.name}}', ...post }],
  }, { config: { channels: CHANNELS } });
  const config = await loadConfig(dir.config, { cwd: dir.dir });
  const loaded = await loadSpec(dir.spec, { timezone: config.timezone });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues.map((i) => i.message)));
  const result = planPosts(loaded.spec, config, { now: new Date('2026-11-25T00:00:00Z'), textLimit: configTextLimits(config) });
  const lines = readFileSync(dir.spec, 'utf8').split('\n');
  const postsLine = lines.findIndex((line) => line.startsWith('posts:'));
  /** The 1-based line of the post's `key:` (after indentation and `- `). */
  const lineOf = (key: string) => lines.findIndex((line, i) => i > postsLine && new RegExp(`^\\s*(- )?${key}:`).test(line)) + 1;
  return { ...result, lineOf, described: result.issues.map((i) => i.describe(dir.dir)) };
}

describe('platform posts at planning time', () => {
  it('fills placeholders in title and tags and keeps them on the planned post', async () => {
    const { posts, issues, warnings } = await plan({ video: 'TEA-001', title: '{{product.name}} · {{stream.title}}', tags: ['{{product.sku}}', 'green tea'], channels: ['shorts'] });
    expect(issues).toEqual([]);
    expect(warnings).toEqual([]);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ title: '明前龙井 · Tea night', tags: ['TEA-001', 'green tea'], text: 'Tonight: 明前龙井', subject: 'TEA-001' });
  });

  it('refuses a platform post without `video:`, at the channel in the post', async () => {
    const { posts, issues, lineOf, described } = await plan({ text: 'Tonight!', channels: ['fans', 'shorts'] });
    expect(posts.map((p) => p.channel)).toEqual(['fans']);
    expect(issues).toHaveLength(1);
    expect(described[0]).toMatch(/^spec\.yaml:\d+:\d+ channel shorts is a YouTube channel: a post there needs `video:`; give the post `video: <SKU>`/);
    expect(issues[0]!.location!.line).toBeGreaterThan(lineOf('channels'));
  });

  it('refuses a YouTube title over 100 characters and one with < or >, at `title:`', async () => {
    const long = await plan({ video: 'TEA-001', title: '茶'.repeat(101), channels: ['shorts'] });
    expect(long.posts).toEqual([]);
    expect(long.described).toEqual([expect.stringMatching(/^spec\.yaml:\d+:\d+ the title is 101 characters for shorts \(youtube\), over its limit of 100; shorten it$/)]);
    expect(long.issues[0]!.location!.line).toBe(long.lineOf('title'));
    const brackets = await plan({ video: 'TEA-001', title: 'Tea <live>', channels: ['shorts'] });
    expect(brackets.described).toEqual([expect.stringMatching(/the title contains "<" and ">", which shorts \(youtube\) does not allow in titles/)]);
    // The same title is fine on a 100-character line exactly.
    expect((await plan({ video: 'TEA-001', title: 'x'.repeat(100), channels: ['shorts'] })).issues).toEqual([]);
  });

  it('refuses YouTube tags over 500 characters counted as YouTube counts them (commas, quotes around tags with spaces)', async () => {
    // 49 tags of 9 characters + 48 commas = 489: fine; with spaces each costs 2 more: 587, refused.
    const plain = await plan({ video: 'TEA-001', tags: Array.from({ length: 49 }, (_, i) => `tag${String(i).padStart(6, '0')}`), channels: ['shorts'] });
    expect(plain.issues).toEqual([]);
    const spaced = await plan({ video: 'TEA-001', tags: Array.from({ length: 49 }, (_, i) => `tag ${String(i).padStart(5, '0')}`), channels: ['shorts'] });
    expect(spaced.described).toEqual([expect.stringMatching(/the tags come to 587 characters for shorts \(youtube\).*over its limit of 500/)]);
    // The list under `tags:` (its first item, on the next line).
    expect(spaced.issues[0]!.location!.line).toBe(spaced.lineOf('tags') + 1);
  });

  it('refuses a YouTube description over 5000 UTF-8 bytes at `text:`', async () => {
    const { described, issues, lineOf } = await plan({ video: 'TEA-001', text: '茶'.repeat(1700), channels: ['shorts'] });
    expect(described).toEqual([expect.stringMatching(/the text is 5100 bytes \(UTF-8\) for shorts \(youtube\), over its limit of 5000/)]);
    expect(issues[0]!.location!.line).toBe(lineOf('text'));
  });

  it('refuses more than 30 hashtags on Instagram, and takes 30', async () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `#tea${i}`).join(' ');
    expect((await plan({ video: 'TEA-001', text: tags(30), channels: ['reels'] })).issues).toEqual([]);
    const over = await plan({ video: 'TEA-001', text: tags(31), channels: ['reels'] });
    expect(over.described).toEqual([expect.stringMatching(/the text has 31 hashtags for reels \(instagram\), more than the 30 it takes/)]);
  });

  it('says when a refused figure is promo\'s own, not the platform\'s (Douyin documents no text limit)', async () => {
    expect((await plan({ video: 'TEA-001', text: '茶'.repeat(55), channels: ['dy'] })).issues).toEqual([]);
    const over = await plan({ video: 'TEA-001', text: '茶'.repeat(56), channels: ['dy'] });
    expect(over.described).toEqual([expect.stringMatching(/the text is 56 characters for dy \(douyin\), over its limit of 55 \(promo's: Douyin documents no limit for create_video's text; .*\); shorten it/)]);
    // A documented limit says nothing of the kind.
    const youtube = await plan({ video: 'TEA-001', title: 'Tea', text: '茶'.repeat(1700), channels: ['shorts'] });
    expect(youtube.described).toEqual([expect.stringMatching(/over its limit of 5000; shorten it/)]);
  });

  it('warns (never drops silently) when a platform has no title or no tags', async () => {
    const { posts, issues, warnings } = await plan({ video: 'TEA-001', title: 'Tea night', tags: ['tea'], channels: ['tt'] });
    expect(issues).toEqual([]);
    expect(posts).toHaveLength(1);
    expect(warnings).toEqual([
      expect.stringMatching(/^posts\[0\]\.title: tt \(tiktok\) has no title apart from the text: the title is not sent there/),
      expect.stringMatching(/^posts\[0\]\.tags: tt \(tiktok\) has no tags: they are not sent there; put #hashtags in the text instead/),
    ]);
  });

  it('reports an unknown placeholder in a title at `title:`', async () => {
    const { issues, lineOf } = await plan({ video: 'TEA-001', title: '{{product.colour}}', channels: ['shorts'] });
    expect(issues.map((i) => i.message)).toEqual([expect.stringMatching(/\{\{product\.colour\}\} is not a placeholder/)]);
    expect(issues[0]!.location!.line).toBe(lineOf('title'));
  });
});

describe('platform posts\' videos at `promo posts plan` / `promo schedule`', () => {
  it('refuses a video shorter than TikTok takes, at the post\'s `video:`, with the real ffprobe; nothing scheduled', async () => {
    const short = await makeVideo({ width: 108, height: 192, duration: 2 });
    const dir = await makeSpecDir({
      stream: { title: 'Tea night', start: '2026-12-01 20:00', timezone: 'Asia/Shanghai' },
      products: [{ sku: 'TEA-001', name: '明前龙井', price: 99, footage: 'tea.mp4', clips: [{ in: 0, out: 2 }] }],
      outputs: ['tiktok'],
      posts: [{ at: '-3h', video: 'TEA-001', text: 'Tonight!', channels: ['tt'] }],
    }, { config: { channels: { tt: CHANNELS.tt } } });
    // The rendered video already there (as after `promo render`): the check probes it.
    await mkdir(join(dir.out, 'TEA-001'), { recursive: true });
    await copyFile(short, join(dir.out, 'TEA-001', 'tiktok.mp4'));
    const lines = readFileSync(dir.spec, 'utf8').split('\n');
    const videoLine = lines.findIndex((line) => /^\s*(- )?video: TEA-001/.test(line)) + 1;
    for (const command of [['posts', 'plan'], ['schedule']]) {
      const run = await runCli([...command, dir.spec, '--config', dir.config], { cwd: dir.dir, env: { TT_SECRET: 'x' } });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`spec\\.yaml:${videoLine}:\\d+ TEA-001's tiktok video is 2 s long, under the 3 s tt \\(tiktok\\) needs; add clips`));
      expect(run.stderr).toMatch(/nothing was scheduled/);
    }
    expect(existsSync(join(dir.dir, '.promo', 'state.db'))).toBe(false);
  });
});

describe('promo posts plan with a platform post', () => {
  it('shows the title and tags with the text', async () => {
    const dir = await makeSpecDir({
      stream: { title: 'Tea night', start: '2026-12-01 20:00', timezone: 'Asia/Shanghai' },
      products: [{ sku: 'TEA-001', name: '明前龙井', price: 99, footage: 'tea.mp4', clips: [{ in: 0, out: 2 }] }],
      outputs: ['shorts'],
      posts: [{ at: '-3h', video: 'TEA-001', title: '{{product.name}} tonight', tags: ['tea', '{{product.sku}}'], text: 'Live at 8', channels: ['shorts'] }],
    }, { config: { channels: { shorts: CHANNELS.shorts } } });
    const run = await runCli(['posts', 'plan', dir.spec, '--config', dir.config], { cwd: dir.dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/shorts\s+TEA-001\s+«明前龙井 tonight» Live at 8 \[tea, TEA-001\]/);
  });
});
