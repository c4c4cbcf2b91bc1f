// `at: best` in a spec's post: the best slot in the day before the stream from the channel's
// account's imported insights (a seeded history with 12:00 planted 3× better), the fixed T-3h
// fallback without data or without a clear slot, and `promo posts plan` saying which and why;
// with insights.platforms.douyin.metric the slot is the one that metric ranks best, and says so.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { bestTimesLookup } from '../../src/insights/best-times-lookup.ts';
import { loadSpec } from '../../src/promo-spec/load-spec.ts';
import { planPosts } from '../../src/schedule/plan-posts.ts';
import { openStateDb } from '../../src/store/open-state-db.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';
import { syntheticHistory } from '../helpers/synthetic-history.ts';

const SPEC = {
  stream: { title: '好茶专场', start: '2026-12-01 20:00', timezone: 'Asia/Shanghai' },
  products: [{ sku: 'TEA-001', name: '明前龙井', footage: 'tea.mp4', clips: [{ in: 0, out: 2 }] }],
  outputs: ['douyin'],
  posts: [{ at: 'best', video: 'TEA-001', text: '今晚八点开播', channels: ['dy'] }],
};
const CHANNELS = { dy: { type: 'douyin', clientKey: 'awx1', clientSecret: '${DY_SECRET}' } };

async function setUp(effect: ((weekday: number, hour: number) => number) | undefined, seed: number) {
  const dir = await makeSpecDir(SPEC, { config: { channels: CHANNELS, state: 'state.db' } });
  const config = await loadConfig(dir.config, { cwd: dir.dir });
  const loaded = await loadSpec(dir.spec, { timezone: config.timezone });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const db = openStateDb(config.state);
  const insert = db.prepare(`INSERT INTO insight_posts (platform, account, key, title, published_ms, format, views, imported_at) VALUES ('douyin', 'douyin', ?, 't', ?, 'douyin-works', ?, 'x')`);
  const hours = [9, 12, 15, 18, 21, 22];
  for (const [i, p] of syntheticHistory({ posts: 200, zone: 'Asia/Shanghai', hours: (_, random) => hours[Math.floor(random() * hours.length)]!, effect, seed }).entries()) insert.run(`k${i}`, p.publishedMs, p.value);
  return { dir, config, spec: loaded.spec, db };
}

async function setUpByShares(metric: string) {
  const dir = await makeSpecDir(SPEC, { config: { channels: CHANNELS, state: 'state.db', insights: { platforms: { douyin: { metric } } } } });
  const config = await loadConfig(dir.config, { cwd: dir.dir });
  const loaded = await loadSpec(dir.spec, { timezone: config.timezone });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const db = openStateDb(config.state);
  const insert = db.prepare(`INSERT INTO insight_posts (platform, account, key, title, published_ms, format, views, shares, imported_at) VALUES ('douyin', 'douyin', ?, 't', ?, 'douyin-works', ?, ?, 'x')`);
  // Views 3× at 21:00, shares 3× at 12:00: the metric decides which.
  const hours = [9, 12, 15, 18, 21, 22];
  const cycle = (i: number) => hours[i % hours.length]!;
  const shares = syntheticHistory({ posts: 200, zone: 'Asia/Shanghai', hours: cycle, effect: (_, hour) => (hour === 12 ? 3 : 1), seed: 25 });
  syntheticHistory({ posts: 200, zone: 'Asia/Shanghai', hours: cycle, effect: (_, hour) => (hour === 21 ? 3 : 1), seed: 24 })
    .forEach((p, i) => insert.run(`k${i}`, p.publishedMs, p.value, Math.round(shares[i]!.value / 100)));
  return { config, spec: loaded.spec, db };
}

const local = (date: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(date);

describe('at: best', () => {
  it('picks the slot the account\'s data ranks best before the stream', async () => {
    const { config, spec, db } = await setUp((_, hour) => (hour === 12 ? 3 : 1), 21);
    const plan = planPosts(spec, config, { now: new Date('2026-11-25T00:00:00Z'), textLimit: () => undefined, bestTimes: bestTimesLookup(db, config) });
    db.close();
    expect(plan.issues).toEqual([]);
    expect(local(plan.posts[0]!.due)).toBe('2026-12-01 12:00');
    expect(plan.posts[0]!.why).toMatch(/^best slot 12:00 Asia\/Shanghai for douyin\/douyin: \d\.\d\d× the account's baseline in views over \d+ posts, by hour-of-day$/);
  });

  it('falls back to T-3h without insights, and when no slot is clearly better', async () => {
    const none = await setUp(undefined, 22);
    const without = planPosts(none.spec, none.config, { now: new Date('2026-11-25T00:00:00Z'), textLimit: () => undefined, bestTimes: bestTimesLookup(undefined, none.config) });
    expect(local(without.posts[0]!.due)).toBe('2026-12-01 17:00');
    expect(without.posts[0]!.why).toBe('fixed fallback T-3h: no insights imported for this channel (promo insights import)');
    const flat = planPosts(none.spec, none.config, { now: new Date('2026-11-25T00:00:00Z'), textLimit: () => undefined, bestTimes: bestTimesLookup(none.db, none.config) });
    none.db.close();
    expect(local(flat.posts[0]!.due)).toBe('2026-12-01 17:00');
    expect(flat.posts[0]!.why).toMatch(/^fixed fallback T-3h: douyin\/douyin by views: 200 posts; no slot does clearly better or worse/);
  });

  it('promo posts plan says which slot and why', async () => {
    const { dir, db } = await setUp((_, hour) => (hour === 12 ? 3 : 1), 23);
    db.close();
    const out = await runCli(['posts', 'plan', dir.spec, '--config', dir.config, '--now', '2026-11-25T00:00:00Z'], { cwd: dir.dir });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^posts\[0\] at: best → 2026-12-01 12:00 on dy: best slot 12:00 Asia\/Shanghai for douyin\/douyin: /m);
  });

  it('follows the metric configured for the platform, and says which', async () => {
    const byShares = await setUpByShares('shares');
    const plan = planPosts(byShares.spec, byShares.config, { now: new Date('2026-11-25T00:00:00Z'), textLimit: () => undefined, bestTimes: bestTimesLookup(byShares.db, byShares.config) });
    byShares.db.close();
    expect(local(plan.posts[0]!.due)).toBe('2026-12-01 12:00');
    expect(plan.posts[0]!.why).toMatch(/^best slot 12:00 Asia\/Shanghai for douyin\/douyin: \d\.\d\d× the account's baseline in shares over \d+ posts, by hour-of-day$/);
    // No 收藏量 in the data: views rank (21:00), and the reason says so.
    const bySaves = await setUpByShares('saves');
    const fallback = planPosts(bySaves.spec, bySaves.config, { now: new Date('2026-11-25T00:00:00Z'), textLimit: () => undefined, bestTimes: bestTimesLookup(bySaves.db, bySaves.config) });
    bySaves.db.close();
    expect(local(fallback.posts[0]!.due)).toBe('2026-11-30 21:00');
    expect(fallback.posts[0]!.why).toMatch(/the account's baseline in views \(saves is missing\) over \d+ posts/);
  });
});
