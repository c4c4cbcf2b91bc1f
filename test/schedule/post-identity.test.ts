// What makes a post the same post from one `promo schedule` to the next, against the real state
// database: inserting a post above others, moving the project folder or re-planning with keys an
// older promo wrote must never make a post that went out look new (it would go out again).
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/load-config.ts';
import { CHANNEL_LIMITS } from '../../src/publish/channel-limits.ts';
import { planPosts, type PlannedPost } from '../../src/schedule/plan-posts.ts';
import { loadSpec } from '../../src/promo-spec/load-spec.ts';
import { openStateDb, type StateDb } from '../../src/store/open-state-db.ts';
import { PostStore } from '../../src/schedule/post-store.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { makeSpecDir, type SpecDir } from '../helpers/spec-dir.ts';

const CHANNELS = { outbox: { type: 'folder', dir: 'out/outbox' } };
const NOW = new Date('2026-11-25T00:00:00Z');

const spec = (posts: object[]) => ({
  stream: { title: '年货节好茶专场', host: '李博闻', start: '2026-12-01 20:00', timezone: 'Asia/Shanghai', url: 'https://live.example.com/room/8848' },
  products: [{ sku: 'TEA-001', name: '明前龙井', price: 99, footage: 'tea.mp4', clips: [{ in: 0, out: 2 }] }],
  posts,
});

const dayBefore = { at: '-24h', video: 'TEA-001', text: '明晚开播 {{product.name}}', channels: ['outbox'] };
const hoursBefore = { at: '-3h', text: '{{countdown}}开播', channels: ['outbox'] };

const opened: StateDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function planFor(specFile: string, configFile: string): Promise<PlannedPost[]> {
  const config = await loadConfig(configFile, { cwd: join(configFile, '..') });
  const loaded = await loadSpec(specFile, { timezone: config.timezone });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const result = planPosts(loaded.spec, config, {
    now: NOW,
    textLimit: (channel) => {
      const type = config.channels[channel]!.type;
      return { limit: CHANNEL_LIMITS[type].textLimit, unit: CHANNEL_LIMITS[type].limitUnit };
    },
  });
  if (result.issues.length > 0) throw new Error(JSON.stringify(result.issues));
  return result.posts;
}

function storeAt(dir: SpecDir): PostStore {
  const db = openStateDb(join(dir.dir, '.promo', 'state.db'));
  opened.push(db);
  return new PostStore(db);
}

async function rewriteSpec(dir: SpecDir, posts: object[]): Promise<void> {
  await writeFile(dir.spec, stringify(spec(posts)));
}

describe('post identity across promo schedule runs', () => {
  it('keeps a sent post sent when a post is inserted above it', async () => {
    const dir = await makeSpecDir(spec([dayBefore, hoursBefore]), { config: { channels: CHANNELS } });
    const store = storeAt(dir);
    const planned = await planFor(dir.spec, dir.config);
    store.schedule(dir.spec, planned);
    const [first] = store.list().filter((p) => p.local === '2026-11-30 20:00');
    store.markSending(first!.id, 'test');
    store.markSent(first!.id, NOW.toISOString(), 0, 'written');

    await rewriteSpec(dir, [{ at: '-48h', text: '后天开播', channels: ['outbox'] }, dayBefore, hoursBefore]);
    const replanned = await planFor(dir.spec, dir.config);
    // The same posts keep their keys (the idempotency key channels see) whatever their place.
    expect(planned.map((p) => p.local)).toEqual(['2026-11-30 20:00', '2026-12-01 17:00']);
    for (const post of planned) expect(replanned.find((p) => p.local === post.local)!.key).toBe(post.key);
    const changes = store.schedule(dir.spec, replanned);
    expect(changes).toMatchObject({ added: 1, settled: 1, cancelled: 0 });
    const rows = store.list();
    expect(rows).toHaveLength(3);
    expect(rows.filter((p) => p.local === '2026-11-30 20:00').map((p) => p.state)).toEqual(['sent']);
    expect(rows.filter((p) => p.state === 'pending').map((p) => p.local).sort()).toEqual(['2026-11-29 20:00', '2026-12-01 17:00']);
  });

  it('updates a pending post in place when its text changes, and keeps an id-named post when it moves', async () => {
    const named = { ...hoursBefore, id: 'countdown' };
    const dir = await makeSpecDir(spec([dayBefore, named]), { config: { channels: CHANNELS } });
    const store = storeAt(dir);
    store.schedule(dir.spec, await planFor(dir.spec, dir.config));
    const before = store.list();

    await rewriteSpec(dir, [{ ...dayBefore, text: '明晚八点开播 {{product.name}}' }, { ...named, at: '-2h' }]);
    const changes = store.schedule(dir.spec, await planFor(dir.spec, dir.config));
    expect(changes).toMatchObject({ added: 0, updated: 2, cancelled: 0 });
    const after = store.list();
    expect(after.map((p) => p.id).sort()).toEqual(before.map((p) => p.id).sort());
    expect(after.find((p) => p.text.startsWith('明晚'))!.text).toBe('明晚八点开播 明前龙井');
    expect(after.find((p) => p.id === before.find((b) => b.local === '2026-12-01 17:00')!.id)!.local).toBe('2026-12-01 18:00');

    // Without an id, a post moved to another time is another post: the old one is cancelled.
    await rewriteSpec(dir, [{ ...dayBefore, at: '-25h' }, { ...named, at: '-2h' }]);
    expect(store.schedule(dir.spec, await planFor(dir.spec, dir.config))).toMatchObject({ added: 1, cancelled: 1 });
    // Put back, it is pending again (promo cancelled it, not a person).
    await rewriteSpec(dir, [dayBefore, { ...named, at: '-2h' }]);
    expect(store.schedule(dir.spec, await planFor(dir.spec, dir.config))).toMatchObject({ added: 1, cancelled: 1 });
    expect(store.list().filter((p) => p.state === 'pending').map((p) => p.local).sort()).toEqual(['2026-11-30 20:00', '2026-12-01 18:00']);
  });

  it('rejects two posts with one id', async () => {
    const dir = await makeSpecDir(spec([{ ...dayBefore, id: 'same' }, { ...hoursBefore, id: 'same' }]), { config: { channels: CHANNELS } });
    const loaded = await loadSpec(dir.spec, { timezone: 'Asia/Shanghai' });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.issues.map((i) => i.message).join('\n')).toMatch(/post id same is used twice \(also posts\[0\]\)/);
  });

  it('finds its posts after the project folder moves, without sending them again', async () => {
    const dir = await makeSpecDir(spec([dayBefore, hoursBefore]), { config: { channels: CHANNELS } });
    const store = storeAt(dir);
    store.schedule(dir.spec, await planFor(dir.spec, dir.config));
    const sent = store.list().find((p) => p.local === '2026-11-30 20:00')!;
    store.markSending(sent.id, 'test');
    store.markSent(sent.id, NOW.toISOString(), 0, 'written');
    for (const db of opened.splice(0)) db.close();

    const moved = makeTempDir('promo-moved-');
    await cp(dir.dir, moved, { recursive: true });
    const movedDir: SpecDir = { ...dir, dir: moved, spec: join(moved, 'spec.yaml'), config: join(moved, 'config.yaml'), out: join(moved, 'out') };
    const again = storeAt(movedDir);
    const changes = again.schedule(movedDir.spec, await planFor(movedDir.spec, movedDir.config));
    expect(changes).toMatchObject({ added: 0, settled: 1, updated: 1 });
    expect(again.list().map((p) => [p.local, p.state, p.spec]).sort()).toEqual([
      ['2026-11-30 20:00', 'sent', dir.spec],
      ['2026-12-01 17:00', 'pending', movedDir.spec],
    ]);
  });

  it('recognises posts stored under the keys an older promo wrote (path and position), sent or pending', async () => {
    const dir = await makeSpecDir(spec([dayBefore, hoursBefore]), { config: { channels: CHANNELS } });
    const store = storeAt(dir);
    const planned = await planFor(dir.spec, dir.config);
    // As an older promo stored them: other keys.
    store.schedule(dir.spec, planned.map((p, i) => ({ ...p, key: `old-key-${i}` })));
    const old = store.list();
    const sent = old.find((p) => p.local === '2026-11-30 20:00')!;
    store.markSending(sent.id, 'test');
    store.markSent(sent.id, NOW.toISOString(), 0, 'written');

    const changes = store.schedule(dir.spec, planned);
    expect(changes).toMatchObject({ added: 0, settled: 1, updated: 1, cancelled: 0 });
    const rows = store.list();
    expect(rows).toHaveLength(2);
    expect(rows.find((p) => p.state === 'pending')!.key).toBe(planned.find((p) => p.local === '2026-12-01 17:00')!.key);
  });
});
