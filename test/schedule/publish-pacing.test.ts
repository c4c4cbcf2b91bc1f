// Pacing: publishDue spaces sends so that a burst of posts due the same minute stays within each
// service's documented rate limit. Real channels, a real state database, loopback fakes of the
// services behind a front that enforces the documented limits and records when each request
// arrived, on a simulated clock (the sleeper advances it), so no test waits a real minute.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PromoConfig } from '../../src/config/config-types.ts';
import type { Channel } from '../../src/publish/channel-types.ts';
import { createChannel } from '../../src/publish/create-channel.ts';
import type { PlannedPost } from '../../src/schedule/plan-posts.ts';
import { publishDue, type PublishDueOptions } from '../../src/schedule/publish-due.ts';
import { openStateDb, type StateDb } from '../../src/store/open-state-db.ts';
import { PostStore } from '../../src/schedule/post-store.ts';
import { startFakeServer, type FakeServer, type FakeServerType } from '../helpers/fake-channel-servers.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { makeMediaFolder, type MediaFolder } from '../publish/publish-test-helpers.ts';
import { startRateLimitedFront, type RateLimitedFront, type ServiceWindow } from '../publish/rate-limited-front.ts';

// The services' documented limits, written here rather than read from the code under test.
const DOCUMENTED: Record<Exclude<FakeServerType, 'webhook'>, ServiceWindow[]> = {
  wecom: [{ messages: 20, seconds: 60 }],
  dingtalk: [{ messages: 20, seconds: 60 }],
  feishu: [{ messages: 100, seconds: 60 }, { messages: 5, seconds: 1 }],
  telegram: [{ messages: 20, seconds: 60 }, { messages: 1, seconds: 1 }],
  discord: [{ messages: 30, seconds: 60 }, { messages: 5, seconds: 2 }],
};

// 2026-11-30 20:10 in Shanghai: not on a Feishu quiet mark.
const DUE = Date.parse('2026-11-30T12:10:00Z');

let dir: string;
let db: StateDb;
let store: PostStore;
let media: MediaFolder;
const closing: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  dir = makeTempDir('promo-pacing-');
  db = openStateDb(join(dir, 'state.db'));
  store = new PostStore(db);
  media = await makeMediaFolder();
});
afterEach(async () => {
  await Promise.all(closing.splice(0).map((c) => c.close()));
  db.close();
});

/** The scheduler's simulated real clock: sleeping moves it on, at once. */
function makeClock(startMs: number) {
  const clock = {
    ms: startMs,
    sleeps: [] as number[],
    now: () => new Date(clock.ms),
    sleep: async (ms: number, signal: AbortSignal) => {
      if (signal.aborted) throw new Error('aborted');
      clock.sleeps.push(ms);
      clock.ms += ms;
    },
  };
  return clock;
}

interface Rig {
  fake: FakeServer;
  front: RateLimitedFront;
  channel: Channel;
  clock: ReturnType<typeof makeClock>;
  log: string[];
  tick(at: number, overrides?: Partial<PublishDueOptions>): ReturnType<typeof publishDue>;
}

async function rig(type: Exclude<FakeServerType, 'webhook'>, startMs = DUE, grace = 900): Promise<Rig> {
  const clock = makeClock(startMs);
  const fake = await startFakeServer(type, { now: () => clock.ms, ...(type === 'feishu' || type === 'dingtalk' ? { secret: 'sign-secret' } : {}) });
  const front = await startRateLimitedFront(fake, { windows: DOCUMENTED[type], now: () => clock.ms });
  closing.push(front, fake);
  const channel = createChannel(type === 'telegram' ? fake.config({ api: front.via(fake.url) }) : fake.config({ url: front.via(fake.url) }));
  const config: PromoConfig = {
    dir, out: join(dir, 'out'), state: join(dir, 'state.db'), timezone: 'Asia/Shanghai',
    engine: {}, render: { concurrency: 1, timeoutScale: 1 }, cache: {}, watch: [], queue: { backend: 'local' }, channels: {},
    posts: { grace, horizon: 14 * 86400, timeout: 5 },
  };
  const log: string[] = [];
  return {
    fake, front, channel, clock, log,
    tick: (at, overrides = {}) => publishDue({
      store, config, now: new Date(at), realNow: clock.now, sleep: clock.sleep, owner: 'pacing-test', log: (line) => log.push(line),
      channel: () => ({ ok: true, channel, secrets: [] }),
      ...overrides,
    }),
  };
}

function planned(count: number, due: number, extra: Partial<PlannedPost> = {}, from = 0): PlannedPost[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `pacing-${from + i}`,
    spec: join(dir, 'spec.yaml'),
    postIndex: from + i,
    channel: 'ch',
    occurrence: new Date(due + 3 * 3600_000),
    due: new Date(due),
    local: '2026-11-30 20:10',
    zone: 'Asia/Shanghai',
    text: `第${from + i + 1}条：今晚8点直播，明前龙井买一送一`,
    stream: { title: 'Tea night' },
    ...extra,
  }));
}

/** The shortest time any `messages + 1` consecutive counted requests took: must be ≥ the window. */
function tightestSpan(front: RateLimitedFront, window: ServiceWindow): number {
  const times = front.arrivals.filter((a) => a.counted).map((a) => a.at);
  let tightest = Infinity;
  for (let i = 0; i + window.messages < times.length; i++) tightest = Math.min(tightest, times[i + window.messages]! - times[i]!);
  return tightest;
}

describe('pacing sends to each service\'s rate limit', () => {
  it('sends 7 WeCom posts of 3 messages due the same minute whole: none half posted, the 21st message a minute after the 1st', async () => {
    const r = await rig('wecom');
    const video = await media.video();
    const cover = await media.cover();
    store.schedule(join(dir, 'spec.yaml'), planned(7, DUE, { video, cover, subject: 'TEA-001' }));
    const result = await r.tick(DUE);
    expect(result).toEqual({ sent: 7, failed: 0, missed: 0, unknown: 0, retrying: 0, continuing: 0 });
    expect(r.front.arrivals.filter((a) => a.limited)).toEqual([]);
    expect(r.fake.deliveries.map((d) => d.kind)).toEqual(Array.from({ length: 7 }, () => ['text', 'image', 'file']).flat());
    expect(r.fake.uploads).toHaveLength(7);
    // Six posts (18 messages) at once; the seventh waited until the first post's messages were
    // out of the minute: never early, and no later than needed (plus the budget's 1 s of slack).
    const messages = r.front.arrivals.filter((a) => a.counted);
    expect(messages.slice(0, 18).every((a) => a.at === DUE)).toBe(true);
    expect(messages[18]!.at - messages[0]!.at).toBeGreaterThanOrEqual(60_000);
    expect(messages[18]!.at - messages[0]!.at).toBeLessThanOrEqual(62_000);
    expect(tightestSpan(r.front, DOCUMENTED.wecom[0]!)).toBeGreaterThanOrEqual(60_000);
    expect(r.log.some((line) => /waited 61 s for the channel's rate limit/.test(line))).toBe(true);
    expect(store.list().map((p) => p.state)).toEqual(Array(7).fill('sent'));
  });

  it.each(['dingtalk', 'telegram', 'discord', 'feishu'] as const)('keeps a burst of %s posts within every documented window', async (type) => {
    const r = await rig(type);
    const count = Math.max(...DOCUMENTED[type].map((w) => w.messages)) + 6;
    store.schedule(join(dir, 'spec.yaml'), planned(count, DUE));
    const result = await r.tick(DUE);
    expect(result).toMatchObject({ sent: count, failed: 0, unknown: 0, retrying: 0 });
    expect(r.front.arrivals.filter((a) => a.limited)).toEqual([]);
    expect(r.fake.rejections).toEqual([]);
    expect(r.fake.deliveries).toHaveLength(count);
    for (const window of DOCUMENTED[type]) expect(tightestSpan(r.front, window)).toBeGreaterThanOrEqual(window.seconds * 1000);
    expect(Math.min(...r.front.arrivals.map((a) => a.at))).toBeGreaterThanOrEqual(DUE);
  });

  it('holds a Feishu post due exactly on the hour for 20 s (never earlier), and one due at :30 too', async () => {
    const onTheHour = Date.parse('2026-11-30T12:00:00Z');
    const r = await rig('feishu', onTheHour);
    store.schedule(join(dir, 'spec.yaml'), planned(2, onTheHour));
    expect((await r.tick(onTheHour)).sent).toBe(2);
    expect(r.front.arrivals.map((a) => a.at)).toEqual([onTheHour + 20_000, onTheHour + 20_000]);
    const half = Date.parse('2026-11-30T12:30:00Z');
    r.clock.ms = half + 3000; // the tick came a few seconds after the mark
    store.schedule(join(dir, 'spec2.yaml'), planned(1, half, { spec: join(dir, 'spec2.yaml') }, 10));
    expect((await r.tick(half + 3000)).sent).toBe(1);
    expect(r.front.arrivals[2]!.at).toBe(half + 20_000);
    expect(r.fake.rejections).toEqual([]);
  });

  it('keeps the budget across ticks: a post due 10 s after a full minute waits for it', async () => {
    const r = await rig('wecom');
    const video = await media.video();
    const cover = await media.cover();
    store.schedule(join(dir, 'spec.yaml'), [...planned(6, DUE, { video, cover }), ...planned(1, DUE + 10_000, { video, cover }, 6)]);
    expect((await r.tick(DUE)).sent).toBe(6);
    r.clock.ms = DUE + 10_000;
    expect((await r.tick(DUE + 10_000)).sent).toBe(1);
    const messages = r.front.arrivals.filter((a) => a.counted);
    expect(messages).toHaveLength(21);
    expect(messages[18]!.at - DUE).toBeGreaterThanOrEqual(60_000);
    expect(r.front.arrivals.filter((a) => a.limited)).toEqual([]);
  });

  it('leaves a post pending, unsent and not `sending`, when the wait would take it past its grace', async () => {
    const r = await rig('wecom', DUE, 30);
    const video = await media.video();
    const cover = await media.cover();
    store.schedule(join(dir, 'spec.yaml'), planned(7, DUE, { video, cover }));
    const result = await r.tick(DUE);
    expect(result).toMatchObject({ sent: 6, unknown: 0, failed: 0 });
    expect(r.clock.sleeps).toEqual([]);
    expect(r.fake.deliveries).toHaveLength(18);
    const last = store.list().at(-1)!;
    expect(last.state).toBe('pending');
    expect(r.log.join('\n')).toMatch(/rate limit allows it only in 61 s, past its grace or the stream start; left for a later tick/);
  });

  it('stops waiting at once on shutdown and leaves the post pending', async () => {
    const r = await rig('wecom');
    const video = await media.video();
    const cover = await media.cover();
    store.schedule(join(dir, 'spec.yaml'), planned(7, DUE, { video, cover }));
    const shutdown = new AbortController();
    let asked = 0;
    const sleep = (_ms: number, signal: AbortSignal) => new Promise<void>((_resolve, reject) => {
      asked += 1;
      signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      shutdown.abort(); // the daemon is told to stop while the post waits
    });
    const result = await r.tick(DUE, { signal: shutdown.signal, sleep });
    expect(asked).toBe(1);
    expect(result).toMatchObject({ sent: 6, unknown: 0, failed: 0 });
    expect(r.fake.deliveries).toHaveLength(18);
    expect(store.list().map((p) => p.state)).toEqual([...Array(6).fill('sent'), 'pending']);
  });
});
