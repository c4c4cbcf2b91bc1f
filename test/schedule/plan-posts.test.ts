// Planning posts: due times in UTC from local times and zones, final texts, and every problem
// reported at scheduling time with its place in the spec.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { CHANNEL_LIMITS } from '../../src/publish/channel-limits.ts';
import { planPosts } from '../../src/schedule/plan-posts.ts';
import { formatCountdown } from '../../src/schedule/format-countdown.ts';
import { loadSpec } from '../../src/promo-spec/load-spec.ts';
import { makeSpecDir } from '../helpers/spec-dir.ts';

const CHANNELS = {
  outbox: { type: 'folder', dir: 'out/outbox' },
  fans: { type: 'wecom', url: '${WECOM_FANS_WEBHOOK}' },
  tg: { type: 'telegram', token: '${TG_TOKEN}', chat: '@mystore' },
};

async function plan(specObject: object, now = '2026-11-25T00:00:00Z', channels: object = CHANNELS) {
  const dir = await makeSpecDir(specObject, { config: { channels } });
  const config = await loadConfig(dir.config, { cwd: dir.dir });
  const loaded = await loadSpec(dir.spec, { timezone: config.timezone });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const result = planPosts(loaded.spec, config, {
    now: new Date(now),
    textLimit: (channel, withVideo) => {
      const type = config.channels[channel]!.type;
      return { limit: type === 'telegram' && !withVideo ? 4096 : CHANNEL_LIMITS[type].textLimit, unit: CHANNEL_LIMITS[type].limitUnit };
    },
  });
  return { ...result, dir, config };
}

const base = (posts: object[], stream: object = {}) => ({
  stream: { title: '年货节好茶专场', host: '李博闻', start: '2026-12-01 20:00', timezone: 'Asia/Shanghai', url: 'https://live.example.com/room/8848', ...stream },
  currency: '¥',
  products: [{ sku: 'TEA-001', name: '明前龙井', price: 99, originalPrice: 199, footage: 'tea.mp4', clips: [{ in: 0, out: 2 }] }],
  outputs: ['douyin', 'square'],
  reel: true,
  posts,
});

describe('planPosts', () => {
  it('works out due times in UTC, the local times and the final texts', async () => {
    const result = await plan(base([
      { at: '-24h', video: 'TEA-001', text: '明晚{{stream.time}}开播！{{product.name}} 直播价只要{{currency}}{{product.price}} {{stream.url}}', channels: ['fans', 'outbox'] },
      { at: '-3h', video: 'reel', text: '{{countdown}}开播，{{stream.title}}', channels: ['fans'] },
      { at: '2026-12-01 19:45', text: '还有15分钟！直播间见 {{stream.url}}', channels: ['tg'] },
    ]));
    expect(result.issues).toEqual([]);
    const rows = result.posts.map((p) => [p.due.toISOString(), p.local, p.channel, p.subject ?? null, p.text]);
    expect(rows).toEqual([
      ['2026-11-30T12:00:00.000Z', '2026-11-30 20:00', 'fans', 'TEA-001', '明晚20:00开播！明前龙井 直播价只要¥99 https://live.example.com/room/8848'],
      ['2026-11-30T12:00:00.000Z', '2026-11-30 20:00', 'outbox', 'TEA-001', '明晚20:00开播！明前龙井 直播价只要¥99 https://live.example.com/room/8848'],
      ['2026-12-01T09:00:00.000Z', '2026-12-01 17:00', 'fans', 'reel', '3小时后开播，年货节好茶专场'],
      ['2026-12-01T11:45:00.000Z', '2026-12-01 19:45', 'tg', null, '还有15分钟！直播间见 https://live.example.com/room/8848'],
    ]);
    // Videos and covers come from the output folder, the spec's first preset unless the channel says otherwise.
    const fans = result.posts[0]!;
    expect(fans.video).toBe(join(result.config.out, 'TEA-001', 'douyin.mp4'));
    expect(fans.cover).toBe(join(result.config.out, 'TEA-001', 'douyin.jpg'));
    expect(result.posts[2]!.video).toBe(join(result.config.out, 'reel', 'douyin.mp4'));
    expect(new Set(result.posts.map((p) => p.key)).size).toBe(4);
  });

  it('schedules each occurrence of a recurring stream within the horizon, in the stream\'s zone', async () => {
    const result = await plan(base([{ at: '-1h', text: '{{stream.date}} {{stream.time}} 开播 ({{countdown}})', channels: ['outbox'] }],
      { start: undefined, repeat: '0 20 * * 2,4', timezone: 'America/New_York', language: 'en', title: 'Tea night' }), '2026-10-27T00:00:00Z');
    expect(result.issues).toEqual([]);
    const times = result.posts.map((p) => [p.due.toISOString(), p.local, p.text]);
    // Tuesdays and Thursdays 20:00 New York time, across the end of DST on 1 Nov (UTC-4 → UTC-5).
    expect(times.slice(0, 4)).toEqual([
      ['2026-10-27T23:00:00.000Z', '2026-10-27 19:00', 'Tue 27 Oct 20:00 开播 (in 1 hour)'],
      ['2026-10-29T23:00:00.000Z', '2026-10-29 19:00', 'Thu 29 Oct 20:00 开播 (in 1 hour)'],
      ['2026-11-04T00:00:00.000Z', '2026-11-03 19:00', 'Tue 3 Nov 20:00 开播 (in 1 hour)'],
      ['2026-11-06T00:00:00.000Z', '2026-11-05 19:00', 'Thu 5 Nov 20:00 开播 (in 1 hour)'],
    ]);
    expect(result.posts).toHaveLength(4); // 14 days
  });

  it('reports a local time that does not exist, and takes the earlier of one that happens twice', async () => {
    const gap = await plan(base([{ at: '2026-03-08 02:30', text: 'x', channels: ['outbox'] }], { start: '2026-03-08 20:00', timezone: 'America/New_York' }));
    expect(gap.issues).toHaveLength(1);
    expect(gap.issues[0]!.describe(gap.dir.dir)).toMatch(/^spec\.yaml:\d+:\d+ 2026-03-08 02:30 does not exist in America\/New_York/);
    const overlap = await plan(base([{ at: '2026-11-01 01:30', text: 'x', channels: ['outbox'] }], { start: '2026-11-01 20:00', timezone: 'America/New_York' }), '2026-10-01T00:00:00Z');
    expect(overlap.issues).toEqual([]);
    expect(overlap.posts[0]!.due.toISOString()).toBe('2026-11-01T05:30:00.000Z'); // the first 01:30 (EDT)
    expect(overlap.warnings.join(' ')).toMatch(/happens twice/);
  });

  it('reports every problem with its place: unknown channel, SKU and placeholder, product text without a product, text over a limit', async () => {
    const result = await plan(base([
      { at: '-1h', text: 'hi', channels: ['outbox', 'nope'] },
      { at: '-2h', video: 'NOPE-1', text: 'x', channels: ['outbox'] },
      { at: '-3h', text: '{{stream.tittle}} {{product.name}}', channels: ['outbox'] },
      { at: '-4h', video: 'TEA-001', text: '长'.repeat(700), channels: ['fans'] },
      { at: '-5h', video: 'TEA-001', text: 'x'.repeat(1100), channels: ['tg'] },
    ]));
    const messages = result.issues.map((i) => i.describe(result.dir.dir));
    expect(messages).toEqual([
      expect.stringMatching(/^spec\.yaml:\d+:\d+ channel nope is not in .*config\.yaml; use one of outbox, fans, tg/),
      expect.stringMatching(/^spec\.yaml:\d+:\d+ video NOPE-1 is not a SKU of this spec; use one of TEA-001, or `reel`/),
      expect.stringMatching(/\{\{stream\.tittle\}\} is not a placeholder/),
      expect.stringMatching(/\{\{product\.name\}\} needs a product: give the post `video: <SKU>`/),
      expect.stringMatching(/the text is 2100 bytes \(UTF-8\) for fans \(wecom\), over its limit of 2048/),
      expect.stringMatching(/the text is 1100 characters for tg \(telegram\), over its limit of 1024/),
    ]);
  });

  it('needs a start (or a repeat) for posts, and refuses fixed times for a recurring stream', async () => {
    const none = await plan(base([{ at: '-1h', text: 'x', channels: ['outbox'] }], { start: undefined }));
    expect(none.issues[0]!.message).toMatch(/posts need the stream's start/);
    const fixed = await plan(base([{ at: '2026-12-01 19:00', text: 'x', channels: ['outbox'] }], { start: undefined, repeat: '0 20 * * 2' }));
    expect(fixed.issues[0]!.message).toMatch(/is a fixed time, but the stream repeats/);
  });
});

describe('formatCountdown', () => {
  it.each([
    [15 * 60, '15分钟后', 'in 15 minutes'],
    [3 * 3600, '3小时后', 'in 3 hours'],
    [24 * 3600, '1天后', 'in 1 day'],
    [26.5 * 3600, '1天2小时30分钟后', 'in 1 day, 2 hours and 30 minutes'],
    [60, '1分钟后', 'in 1 minute'],
  ])('%s s → %s / %s', (seconds, zh, en) => {
    expect(formatCountdown(seconds, 'zh')).toBe(zh);
    expect(formatCountdown(seconds, 'en')).toBe(en);
  });
});

