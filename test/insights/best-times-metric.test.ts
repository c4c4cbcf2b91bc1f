// Best times by another metric than views, from the state database: a planted 3× effect in shares
// at one hour is found under `shares` while views carry none (and views find nothing), a planted
// effect in a rate (completion, engagement) is found as a ratio of rates with posts that lack the
// rate left out, live_entries from 罗盘's per-video column and the 短视频引流 sheets together, and a
// metric the exports lack falls back to views with a note naming metric, account and export.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postKey } from '../../src/insights/post-key.ts';
import { readBestTimes } from '../../src/insights/read-best-times.ts';
import { openStateDb, type StateDb } from '../../src/store/open-state-db.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { syntheticHistory } from '../helpers/synthetic-history.ts';

const ZONE = 'Asia/Shanghai';
const HOURS = [8, 12, 15, 18, 20, 22];
// The same hour for post i in every history, so a second seeded history can be a second column.
const cycle = (i: number) => HOURS[i % HOURS.length]!;
const POSTS = 200;
const growth = (i: number) => 4 ** (i / POSTS);

type Row = { t: number; views?: number | null; likes?: number | null; shares?: number | null; saves?: number | null; comments?: number | null; completion?: number | null; live_referrals?: number | null; paid?: number; title?: string };

function database(rows: Row[], scope: { platform: string; account: string; format: string }): StateDb {
  const db = openStateDb(join(makeTempDir('best-times-metric-'), 'state.db'));
  const insert = db.prepare(`INSERT INTO insight_posts (platform, account, key, title, published_ms, format, views, likes, comments, shares, saves, completion, live_referrals, paid, imported_at)
    VALUES (@platform, @account, @key, @title, @t, @format, @views, @likes, @comments, @shares, @saves, @completion, @live_referrals, @paid, 'x')`);
  rows.forEach((r, i) => {
    const title = r.title ?? `post ${i}`;
    insert.run({ ...scope, key: postKey(title, r.t), title, views: null, likes: null, comments: null, shares: null, saves: null, completion: null, live_referrals: null, paid: null, ...r });
  });
  return db;
}

const views = (seed: number) => syntheticHistory({ posts: POSTS, zone: ZONE, hours: cycle, seed });
const planted = (seed: number, hour: number, times = 3) => syntheticHistory({ posts: POSTS, zone: ZONE, hours: cycle, effect: (_, h) => (h === hour ? times : 1), seed });
const clearlyBetter = <T extends { confident: boolean; lift: number }>(slots: T[]) => slots.filter((s) => s.confident && s.lift > 1);

describe('best times by metric', () => {
  it('finds 3× more shares at 20:00 under shares, where views carry no effect and find nothing', () => {
    for (const seed of [1, 2, 3]) {
      const plain = views(seed);
      const shares = planted(seed + 100, 20);
      const db = database(plain.map((p, i) => ({ t: p.publishedMs, views: p.value, shares: Math.round(shares[i]!.value / 100) })), { platform: 'douyin', account: 'douyin', format: 'douyin-works' });
      const [byShares] = readBestTimes(db, { zoneOf: () => ZONE, metricOf: () => 'shares' });
      const [byViews] = readBestTimes(db, { zoneOf: () => ZONE });
      db.close();
      expect(byShares).toMatchObject({ metric: 'shares', requested: 'shares', method: 'hour-of-day', posts: POSTS });
      expect(byShares!.metricNote).toBeUndefined();
      expect(byShares!.slots[0]).toMatchObject({ hour: 20, confident: true });
      expect(byShares!.slots[0]!.lift).toBeGreaterThan(1.5);
      expect(clearlyBetter(byShares!.slots).map((s) => s.hour)).toEqual([20]);
      expect(byViews).toMatchObject({ metric: 'views', requested: 'views', method: 'hour-of-day' });
      expect(clearlyBetter(byViews!.slots)).toEqual([]);
    }
  });

  it('finds a planted effect in a rate as a ratio of rates, leaving out posts without it', () => {
    for (const seed of [4, 5]) {
      const plain = views(seed);
      // Completion around 20% (no growth: rates do not grow with the account), twice as high at 15:00.
      const rate = planted(seed + 100, 15, 2).map((p, i) => Math.min(1, (0.2 * p.value) / (2000 * growth(i))));
      // Every 12th post (all at 08:00) has no 完播率: counted as 0 they would make 08:00 clearly worse.
      const rows = plain.map((p, i) => ({ t: p.publishedMs, views: p.value, completion: i % 12 === 0 ? null : rate[i]! }));
      const db = database(rows, { platform: 'kuaishou', account: 'kuaishou', format: 'kuaishou-works' });
      const [byCompletion] = readBestTimes(db, { zoneOf: () => ZONE, metricOf: () => 'completion' });
      db.close();
      expect(byCompletion).toMatchObject({ metric: 'completion', method: 'hour-of-day', posts: POSTS - Math.ceil(POSTS / 12) });
      expect(byCompletion!.slots[0]).toMatchObject({ hour: 15, confident: true });
      expect(byCompletion!.slots[0]!.lift).toBeGreaterThan(1.4);
      expect(byCompletion!.slots[0]!.lift).toBeLessThan(2.5);
      expect(byCompletion!.slots.filter((s) => s.confident && s.lift < 1)).toEqual([]);
      expect(clearlyBetter(byCompletion!.slots).map((s) => s.hour)).toEqual([15]);
    }
  });

  it('engagement is interactions per view: found where interactions rise and views do not', () => {
    const plain = views(6);
    const likes = planted(106, 18, 2);
    const db = database(plain.map((p, i) => ({ t: p.publishedMs, views: p.value, likes: Math.round((0.05 * p.value * likes[i]!.value) / (2000 * growth(i))), comments: 3, saves: null })), { platform: 'douyin', account: 'douyin', format: 'douyin-works' });
    const [byEngagement] = readBestTimes(db, { zoneOf: () => ZONE, metricOf: () => 'engagement' });
    const [byViews] = readBestTimes(db, { zoneOf: () => ZONE, metricOf: () => 'views' });
    db.close();
    expect(byEngagement).toMatchObject({ metric: 'engagement', posts: POSTS });
    expect(byEngagement!.slots[0]).toMatchObject({ hour: 18, confident: true });
    expect(clearlyBetter(byViews!.slots)).toEqual([]);
  });

  it('live_entries: 罗盘\'s per-video 引流直播间次数 and the 短视频引流 sheets\' clips, each clip once, boosted ones left out', () => {
    const plain = views(7);
    const sent = planted(107, 12).map((p) => Math.round(p.value / 50));
    // Even posts carry 罗盘's figure; odd ones only views, their clips in two streams' 短视频引流 sheets.
    const rows: Row[] = plain.map((p, i) => ({ t: p.publishedMs, views: p.value, live_referrals: i % 2 === 0 ? sent[i]! : null, title: `clip ${i}` }));
    // A boosted clip at 22:00 with a huge count must not count.
    rows.push({ t: plain[5]!.publishedMs + 60_000, views: 10, paid: 1, title: 'boosted' });
    const db = database(rows, { platform: 'douyin', account: 'douyin', format: 'douyin-compass-videos' });
    const clip = db.prepare(`INSERT INTO insight_referrals (platform, account, stream_start_ms, title, posted_ms, referrals, imported_at) VALUES ('douyin', 'douyin', ?, ?, ?, ?, 'x')`);
    plain.forEach((p, i) => {
      if (i % 2 === 1) {
        clip.run(p.publishedMs + 3_600_000, `clip ${i}`, p.publishedMs, Math.floor(sent[i]! / 2));
        clip.run(p.publishedMs + 86_400_000, `clip ${i}`, p.publishedMs, Math.ceil(sent[i]! / 2));
      } else {
        // 罗盘's figure wins over the sheet's for the same clip (one row per clip).
        clip.run(p.publishedMs + 3_600_000, `clip ${i}`, p.publishedMs, 1_000_000);
      }
    });
    clip.run(plain[5]!.publishedMs + 7_200_000, 'boosted', plain[5]!.publishedMs + 60_000, 1_000_000);
    const [byEntries] = readBestTimes(db, { zoneOf: () => ZONE, metricOf: () => 'live_entries' });
    db.close();
    expect(byEntries).toMatchObject({ metric: 'live_entries', posts: POSTS, method: 'hour-of-day' });
    expect(byEntries!.slots.reduce((s, x) => s + x.posts, 0)).toBe(POSTS);
    expect(byEntries!.slots[0]).toMatchObject({ hour: 12, confident: true });
    expect(clearlyBetter(byEntries!.slots).map((s) => s.hour)).toEqual([12]);
  });

  it('a metric the exports lack falls back to views, saying which metric, account and export', () => {
    const hot = planted(8, 20);
    const wechat = database(hot.map((p) => ({ t: p.publishedMs, views: p.value, likes: 10 })), { platform: 'wechat-channels', account: 'wx-shop', format: 'wechat-channels-works' });
    const [bySaves] = readBestTimes(wechat, { zoneOf: () => ZONE, metricOf: () => 'saves' });
    wechat.close();
    expect(bySaves).toMatchObject({ metric: 'views', requested: 'saves', method: 'hour-of-day', posts: POSTS });
    expect(bySaves!.metricNote).toBe('saves (收藏量) is missing for wechat-channels/wx-shop: no post carries it; 视频号助手 动态数据明细 (200 posts) has no column for it; no export promo reads from wechat-channels has it; ranked by views instead');
    expect(bySaves!.note).toMatch(/^saves \(收藏量\) is missing .* ranked by views instead — 200 posts; 1 slot does clearly better/);
    expect(bySaves!.slots[0]).toMatchObject({ hour: 20, confident: true });

    // Douyin's works list has a 分享量 column, here empty, and a few posts carry shares: both said.
    const douyin = database(hot.map((p, i) => ({ t: p.publishedMs, views: p.value, shares: i < 5 ? 3 : null })), { platform: 'douyin', account: 'douyin', format: 'douyin-works' });
    const [byShares] = readBestTimes(douyin, { zoneOf: () => ZONE, metricOf: () => 'shares' });
    const [byFollowers] = readBestTimes(douyin, { zoneOf: () => ZONE, metricOf: () => 'followers' });
    douyin.close();
    expect(byShares).toMatchObject({ metric: 'views', requested: 'shares' });
    expect(byShares!.metricNote).toBe('shares (分享量) is missing for douyin/douyin: only 5 of 200 posts carry it (promo ranks by a metric 20 posts carry, or 80% of them); 抖音创作者中心 作品列表 (200 posts): 5 carry it; it comes from 抖音电商罗盘 视频明细 (转发数) or 抖音创作者中心 作品列表 (分享量); ranked by views instead');
    expect(byFollowers!.metricNote).toMatch(/^followers \(涨粉量\) is missing for douyin\/douyin: no post carries it; 抖音创作者中心 作品列表 \(200 posts\) has its 粉丝增量 column empty; it comes from 抖音创作者中心 作品列表 \(粉丝增量\); ranked by views instead$/);
  });
});
