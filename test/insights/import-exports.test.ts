// promo insights import on one fixture per export format (made by scripts/insights/export-fixtures.ts
// in the real files' shapes, encodings and quirks): what lands in the state database, that a
// re-import or an overlapping export adds nothing, and that times are read in the account's zone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportFixtures } from '../../scripts/insights/export-fixtures.ts';
import { importExports } from '../../src/insights/import-exports.ts';
import { openStateDb, type StateDb } from '../../src/store/open-state-db.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';

const NOW = Date.UTC(2026, 7, 1);
let fixtures: Record<string, Buffer>;

beforeAll(async () => {
  fixtures = await exportFixtures();
});

function setUp(names: string[]): { db: StateDb; files: string[] } {
  const dir = makeTempDir('insights-import-');
  const files = names.map((name) => {
    writeFileSync(join(dir, name), fixtures[name]!);
    return join(dir, name);
  });
  return { db: openStateDb(join(dir, 'state.db')), files };
}

const posts = (db: StateDb, platform: string) => db.prepare('SELECT title, published_ms, time_known, views, likes, comments, shares, saves, completion, followers_gained AS followers, live_referrals AS referrals, gmv, paid FROM insight_posts WHERE platform = ? ORDER BY published_ms, title').all(platform) as Record<string, unknown>[];
const iso = (ms: unknown) => new Date(ms as number).toISOString().slice(0, 16);

describe('promo insights import', () => {
  it('reads every format and keeps nothing twice on a second import', async () => {
    const names = Object.keys(fixtures);
    const { db, files } = setUp(names);
    const zoneOf = () => 'Asia/Shanghai';
    const first = await importExports({ files, db, zoneOf, now: NOW });
    expect(first.problems).toEqual([]);
    expect(new Set(first.sheets.map((s) => s.format))).toEqual(new Set(['douyin-works', 'douyin-compass-videos', 'douyin-live-list', 'douyin-live-basic', 'douyin-live-overview',
      'douyin-live-referrals', 'douyin-live-products', 'kuaishou-works', 'wechat-channels-works', 'xiaohongshu-notes', 'tiktok-content', 'tiktok-follower-activity', 'youtube-table', 'instagram-posts']));
    expect(first.ignored.map((s) => s.split(' › ')[1])).toEqual(expect.arrayContaining(['流量分析-渠道分析', 'FollowerHistory.csv', 'Chart data.csv']));
    const count = () => db.prepare(`SELECT (SELECT COUNT(*) FROM insight_posts) AS posts, (SELECT COUNT(*) FROM insight_streams) AS streams, (SELECT COUNT(*) FROM insight_referrals) AS referrals,
      (SELECT COUNT(*) FROM insight_products) AS products, (SELECT COUNT(*) FROM insight_activity) AS activity`).get();
    // Douyin: the works XLSX, its GBK CSV copy (one more post) and 罗盘's list of two of the same posts are 5 posts.
    expect(count()).toEqual({ posts: 5 + 2 + 2 + 2 + 2 + 2 + 2, streams: 3, referrals: 3, products: 2, activity: 8 });
    const again = await importExports({ files, db, zoneOf, now: NOW });
    expect(again.problems).toEqual([]);
    expect(again.sheets.every((s) => s.added === 0)).toBe(true);
    expect(count()).toEqual({ posts: 17, streams: 3, referrals: 3, products: 2, activity: 8 });
    db.close();
  });

  it('reads each format\'s quirks into the same fields', async () => {
    const { db, files } = setUp(Object.keys(fixtures));
    await importExports({ files, db, zoneOf: () => 'Asia/Shanghai', now: NOW });
    const douyin = posts(db, 'douyin');
    expect(douyin.map((p) => [p.title, iso(p.published_ms), p.views, p.completion])).toEqual([
      // 20:15 Beijing time; the works list (imported first) gives title and body; 罗盘's title alone is the same post.
      ['紫砂壶开箱｜今晚8点直播间见\n手工紫砂，一壶一证，直播间专享价', '2026-07-24T12:15', 12400, expect.closeTo(0.356, 6)],
      ['明前龙井试喝', '2026-07-25T04:00', 3200, expect.closeTo(0.281, 6)],
      // Formula-like text stays text; `12.3` is a percent.
      ['=HYPERLINK("http://example.invalid","点我")', '2026-07-26T01:30', 980, expect.closeTo(0.123, 6)],
      // `2026/07/27 18:05`, `1.2万`.
      ['茶杯套装上新', '2026-07-27T10:05', 12000, expect.closeTo(0.28, 6)],
      ['盖碗教学', '2026-07-28T13:00', 2100, expect.closeTo(0.3, 6)],
    ]);
    // Both exports' columns end up on the one row: 罗盘's 引流 and sales, the works list's 粉丝增量.
    expect(douyin[0]).toMatchObject({ referrals: 640, gmv: 1280.5, paid: 0, followers: 23, comments: 41 });
    expect(douyin[1]).toMatchObject({ paid: 1, gmv: null, comments: 0 });
    expect(posts(db, 'kuaishou').map((p) => [iso(p.published_ms), p.views, p.followers])).toEqual([['2026-07-24T11:00', 5400, 9], ['2026-07-25T00:30', 1900, 1]]);
    // Excel serial days: 46227.84375 is 20:15; a whole day has no hour.
    expect(posts(db, 'wechat-channels').map((p) => [iso(p.published_ms), p.time_known, p.likes])).toEqual([['2026-07-24T12:15', 1, 95], ['2026-07-24T16:00', 0, 20]]);
    expect(posts(db, 'xiaohongshu').map((p) => [p.title, iso(p.published_ms), p.views])).toEqual([['紫砂壶怎么挑｜新手必看', '2026-07-24T13:00', 4100], ['', '2026-07-26T02:00', 700]]);
    expect(posts(db, 'tiktok').map((p) => [iso(p.published_ms), p.views, p.likes])).toEqual([['2026-07-24T12:15', 18400, 1200], ['2026-07-25T01:00', 4100, 310]]);
    // The Total row is skipped; `Jul 24, 2026` has no hour.
    expect(posts(db, 'youtube').map((p) => [p.title, p.time_known, p.views, p.followers])).toEqual([['Yixing teapot unboxing', 0, 4100, 25], ['Longjing brewing', 0, 1100, 6]]);
    // UTF-16 with a `sep=,` line; `07/24/2026 20:15` is month first.
    expect(posts(db, 'instagram').map((p) => [iso(p.published_ms), p.views, p.saves])).toEqual([['2026-07-24T12:15', 12400, 88], ['2026-07-25T00:30', 2100, 10]]);
    const streams = db.prepare('SELECT start_ms, end_ms, viewers, peak_online, gmv FROM insight_streams ORDER BY start_ms').all() as Record<string, number>[];
    expect(streams.map((s) => [iso(s.start_ms), iso(s.end_ms), s.viewers, s.gmv])).toEqual([
      ['2026-07-24T12:00', '2026-07-24T15:00', 8100, 45600],
      // `-` in 直播间用户支付金额 falls back to nothing, not zero.
      ['2026-07-26T04:00', '2026-07-26T06:00', 2600, null],
      ['2026-07-28T12:00', '2026-07-28T16:30', 12500, 80100],
    ]);
    const referrals = db.prepare('SELECT stream_start_ms, title, posted_ms, referrals FROM insight_referrals ORDER BY posted_ms').all() as Record<string, unknown>[];
    expect(referrals.map((r) => [iso(r.stream_start_ms), r.title, iso(r.posted_ms), r.referrals])).toEqual([
      ['2026-07-28T12:00', '盖碗教学', '2026-07-27T12:00', 300], ['2026-07-28T12:00', '今晚8点 紫砂专场', '2026-07-28T09:00', 1400], ['2026-07-28T12:00', '还有15分钟开播', '2026-07-28T11:45', 400]]);
    // The `-` summary row and the repeated header are not products.
    expect(db.prepare('SELECT product_id, name, gmv FROM insight_products ORDER BY product_id').all()).toEqual([
      { product_id: '3600000001', name: '手工紫砂壶 西施', gmv: 52000 }, { product_id: '3600000002', name: '明前龙井 250g', gmv: 28100 }]);
    // TikTok's year-less `July 24` is the one before the import; the zero-filled hour is left out.
    const activity = db.prepare('SELECT hour_ms, active FROM insight_activity ORDER BY hour_ms').all() as Record<string, number>[];
    expect(activity.length).toBe(8);
    expect([iso(activity[0]!.hour_ms), activity[0]!.active]).toEqual(['2026-07-24T10:00', 280]);
    db.close();
  });

  it('reads times in the zone configured for the account', async () => {
    const { db, files } = setUp(['kuaishou-works.xlsx']);
    const result = await importExports({ files, db, account: 'ks-us', zoneOf: (account) => (account === 'ks-us' ? 'America/New_York' : 'Asia/Shanghai'), now: NOW });
    expect(result.sheets[0]).toMatchObject({ account: 'ks-us', platform: 'kuaishou', added: 2 });
    // 19:00 in New York (EDT, UTC-4) is 23:00 UTC.
    expect(posts(db, 'kuaishou').map((p) => iso(p.published_ms))).toEqual(['2026-07-24T23:00', '2026-07-25T12:30']);
    db.close();
  });

  it('--platform keeps other platforms\' formats out', async () => {
    const { db, files } = setUp(['kuaishou-works.xlsx', 'douyin-live-list.csv']);
    const result = await importExports({ files, db, platform: 'douyin', zoneOf: () => 'Asia/Shanghai', now: NOW });
    expect(result.sheets.map((s) => s.format)).toEqual(['douyin-live-list']);
    expect(result.problems).toEqual([{ where: files[0], message: expect.stringMatching(/no header row promo knows in its first 10 rows for douyin/) }]);
    db.close();
  });
});
