// A daemon that just started (or the next `promo daemon --once` from cron) counts what the channel
// sent in the last minute, from the real state database, before it sends more.
import { afterEach, describe, expect, it } from 'vitest';
import { createChannel } from '../../src/publish/create-channel.ts';
import { seedSendBudget } from '../../src/schedule/seed-send-budget.ts';
import type { StateDb } from '../../src/store/open-state-db.ts';
import type { PostStore } from '../../src/schedule/post-store.ts';
import { makeSpecDir } from '../helpers/spec-dir.ts';
import { scheduleSpecDir } from './scheduled-store.ts';

const opened: StateDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function storeWithTextPosts(count: number): Promise<PostStore> {
  const dir = await makeSpecDir({
    stream: { title: 'tea', start: '2026-12-01 20:00', timezone: 'Asia/Shanghai' },
    products: [{ sku: 'TEA-001', footage: 'tea.mp4', clips: [{ in: 0, out: 1 }] }],
    posts: Array.from({ length: count }, (_, i) => ({ id: `p${i}`, at: '-1h', text: `post ${i}`, channels: ['fans'] })),
  }, { config: { channels: { fans: { type: 'wecom', url: '${WECOM_URL}' } } } });
  const { db, store } = await scheduleSpecDir(dir);
  opened.push(db);
  return store;
}

const wecom = () => createChannel({ type: 'wecom', name: 'fans', url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=k' });

describe('seedSendBudget', () => {
  it("counts the channel's sends of the last minute against its budget", async () => {
    const store = await storeWithTextPosts(20);
    const now = new Date();
    for (const post of store.list()) {
      store.markSending(post.id, 'test');
      store.markSent(post.id, new Date(now.getTime() - 10_000).toISOString(), 0, 'ok');
    }
    const fresh = wecom();
    expect(fresh.budget.waitMs(1, now.getTime())).toBe(0);
    seedSendBudget(fresh, store, 'fans', now);
    // 20 text messages 10 s ago use up WeCom's 20 a minute: the next one waits about 50 s.
    const wait = fresh.budget.waitMs(1, now.getTime());
    expect(wait).toBeGreaterThan(45_000);
    expect(wait).toBeLessThanOrEqual(52_000);
    // Another channel's name has no history.
    const other = wecom();
    seedSendBudget(other, store, 'ops', now);
    expect(other.budget.waitMs(1, now.getTime())).toBe(0);
  });

  it('ignores sends older than the rate windows', async () => {
    const store = await storeWithTextPosts(20);
    const now = new Date();
    for (const post of store.list()) {
      store.markSending(post.id, 'test');
      store.markSent(post.id, new Date(now.getTime() - 5 * 60_000).toISOString(), 0, 'ok');
    }
    const channel = wecom();
    seedSendBudget(channel, store, 'fans', now);
    expect(channel.budget.waitMs(1, now.getTime())).toBe(0);
  });
});
