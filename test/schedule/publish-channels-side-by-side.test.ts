// Channels are published side by side: a WeCom robot waiting out its rate limit does not hold up
// a post due at the same moment on another channel. Real store, real channels, a loopback WeCom.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannel } from '../../src/publish/create-channel.ts';
import { publishDue } from '../../src/schedule/publish-due.ts';
import type { StateDb } from '../../src/store/open-state-db.ts';
import { startFakeServer, type FakeServer } from '../helpers/fake-channel-servers.ts';
import { makeSpecDir } from '../helpers/spec-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { scheduleSpecDir } from './scheduled-store.ts';

const opened: StateDb[] = [];
const servers: FakeServer[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('publishDue across channels', () => {
  it('sends the outbox post while the WeCom post waits for its rate limit', async () => {
    const dir = await makeSpecDir({
      stream: { title: 'tea', start: '2026-12-01 20:00', timezone: 'Asia/Shanghai' },
      products: [{ sku: 'TEA-001', footage: 'tea.mp4', clips: [{ in: 0, out: 1 }] }],
      // One post, two channels: `fans` sorts (and is stored) first.
      posts: [{ at: '-1h', text: '一小时后开播', channels: ['fans', 'outbox'] }],
    }, { config: { channels: { fans: { type: 'wecom', url: '${WECOM_URL}' }, outbox: { type: 'folder', dir: 'out/outbox' } } } });
    const { config, db, store } = await scheduleSpecDir(dir);
    opened.push(db);
    expect(store.list().map((p) => [p.id, p.channel])).toEqual([[1, 'fans'], [2, 'outbox']]);

    const wecom = await startFakeServer('wecom');
    servers.push(wecom);
    const fans = createChannel({ ...wecom.config(), name: 'fans' });
    fans.budget.record(20, Date.now()); // the robot's 20 messages of this minute are used up
    const outbox = createChannel({ type: 'folder', name: 'outbox', dir: join(dir.out, 'outbox') });
    const channels = { fans, outbox } as const;

    const stop = new AbortController();
    const sleeps: number[] = [];
    const ticking = publishDue({
      store,
      config,
      channel: (name) => ({ ok: true, channel: channels[name as keyof typeof channels], secrets: [] }),
      now: new Date('2026-12-01T11:00:10Z'),
      owner: 'test',
      signal: stop.signal,
      // The WeCom post waits here until the test ends the tick.
      sleep: (ms, signal) => new Promise((_, reject) => {
        sleeps.push(ms);
        signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      }),
    });
    const outboxDir = join(dir.out, 'outbox');
    await waitFor(async () => existsSync(outboxDir) && (await readdir(outboxDir)).some((name) => !name.startsWith('.')), `a post in ${outboxDir}`, 10_000);
    // The outbox post went out while the WeCom one is still waiting for its budget.
    expect(store.get(2)!.state).toBe('sent');
    expect(sleeps.length).toBeGreaterThan(0);
    expect(sleeps[0]).toBeGreaterThan(50_000);
    expect(wecom.requests).toBe(0);
    stop.abort();
    const result = await ticking;
    expect(result.sent).toBe(1);
    // Stopped while waiting: still pending, never `sending` or `unknown`.
    expect(store.get(1)!.state).toBe('pending');
  });
});
