// The text limit checked at `promo schedule` time for each configured channel: WeCom markdown
// messages take 4096 UTF-8 bytes where text messages take 2048; Telegram captions 1024 characters
// where messages take 4096. planPosts is given the same callback posts-commands builds from
// channelTextLimit.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { channelTextLimit } from '../../src/publish/channel-limits.ts';
import { planPosts } from '../../src/schedule/plan-posts.ts';
import { loadSpec } from '../../src/promo-spec/load-spec.ts';
import { makeSpecDir } from '../helpers/spec-dir.ts';

async function plan(text: string, channels: string[]) {
  const dir = await makeSpecDir({
    stream: { title: 'Tea night', start: '2026-12-01 20:00', timezone: 'Asia/Shanghai' },
    products: [{ sku: 'TEA-001', name: '明前龙井', price: 99, footage: 'tea.mp4', clips: [{ in: 0, out: 2 }] }],
    outputs: ['square'],
    posts: [{ at: '-3h', text, channels }],
  }, {
    config: {
      channels: {
        fans: { type: 'wecom', url: '${WECOM_FANS_WEBHOOK}' },
        vip: { type: 'wecom', url: '${WECOM_VIP_WEBHOOK}', format: 'markdown' },
        tg: { type: 'telegram', token: '${TG_TOKEN}', chat: '@mystore' },
      },
    },
  });
  const config = await loadConfig(dir.config, { cwd: dir.dir });
  const loaded = await loadSpec(dir.spec, { timezone: config.timezone });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return planPosts(loaded.spec, config, {
    now: new Date('2026-11-25T00:00:00Z'),
    textLimit: (channel, withVideo) => {
      const definition = config.channels[channel];
      return definition && channelTextLimit(definition, withVideo);
    },
  });
}

describe('channelTextLimit at scheduling time', () => {
  it('gives WeCom markdown channels 4096 bytes and text channels 2048', () => {
    expect(channelTextLimit({ type: 'wecom' }, false)).toEqual({ limit: 2048, unit: 'bytes' });
    expect(channelTextLimit({ type: 'wecom', format: 'text' }, true)).toEqual({ limit: 2048, unit: 'bytes' });
    expect(channelTextLimit({ type: 'wecom', format: 'markdown' }, true)).toEqual({ limit: 4096, unit: 'bytes' });
    expect(channelTextLimit({ type: 'telegram' }, true)).toEqual({ limit: 1024, unit: 'chars' });
    expect(channelTextLimit({ type: 'telegram' }, false)).toEqual({ limit: 4096, unit: 'chars' });
    expect(channelTextLimit({ type: 'dingtalk' }, false)).toEqual({ limit: 18_000, unit: 'bytes' });
  });

  it('schedules 3000 bytes to a markdown channel, refuses them for a text channel with the place in the spec', async () => {
    const text = '直'.repeat(1000);
    const markdown = await plan(text, ['vip']);
    expect(markdown.issues).toEqual([]);
    expect(markdown.posts.map((p) => p.channel)).toEqual(['vip']);
    const both = await plan(text, ['fans', 'vip']);
    expect(both.issues.map((issue) => issue.message)).toEqual(['the text is 3000 bytes (UTF-8) for fans (wecom), over its limit of 2048']);
    expect(both.issues[0]!.location?.line).toBeGreaterThan(1);
    const over = await plan('直'.repeat(1366), ['vip']);
    expect(over.issues.map((issue) => issue.message)).toEqual(['the text is 4098 bytes (UTF-8) for vip (wecom), over its limit of 4096']);
  });
});
