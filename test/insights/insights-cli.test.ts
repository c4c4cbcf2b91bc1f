// promo insights on the real binary: import (twice: nothing new the second time), problems on
// stderr with file, row and column and exit 1 while the rest imports, an account's zone from
// config.yaml, and the best-times JSON.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportFixtures } from '../../scripts/insights/export-fixtures.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { runCli } from '../helpers/spec-dir.ts';

let fixtures: Record<string, Buffer>;
beforeAll(async () => {
  fixtures = await exportFixtures();
});

function project(config: string) {
  const dir = makeTempDir('insights-cli-');
  writeFileSync(join(dir, 'config.yaml'), config);
  for (const [name, bytes] of Object.entries(fixtures)) writeFileSync(join(dir, name), bytes);
  const promo = (args: string[]) => runCli(args, { cwd: dir });
  return { dir, promo };
}

describe('promo insights (CLI)', () => {
  it('imports, re-imports nothing new, and prints the answers', async () => {
    const { promo } = project('state: state.db\n');
    const files = Object.keys(fixtures);
    const first = await promo(['insights', 'import', ...files, '--now', '2026-08-01T00:00:00Z']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('douyin-live-session.xlsx › 流量分析-短视频引流: 抖音 整场数据 短视频引流 → douyin/douyin: 3 rows, 3 new');
    expect(first.stdout).toContain('douyin-live-session.xlsx › 流量分析-渠道分析: not an export promo reads, left alone');
    const again = await promo(['insights', 'import', ...files, '--now', '2026-08-01T00:00:00Z']);
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n').filter((l) => / new$/.test(l)).every((l) => l.endsWith(', 0 new'))).toBe(true);
    // 5 Douyin posts, one boosted (是否投放): 4 tell about their hour.
    const shown = await promo(['insights', '--platform', 'douyin']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('douyin/douyin — best times to post (none, by views, Asia/Shanghai): 4 posts with an hour: promo needs 20 to rank hours (16 more)');
    expect(shown.stdout).toContain('what drove the stream (短视频引流): best lead time T-3h');
    // Viewers and sales per hour live rounded as people read them (2777.78 → 2778); the JSON keeps the precision.
    expect(shown.stdout).toMatch(/^20:00 +2 +2739 +16500$/m);
    expect(shown.stdout).toMatch(/^4h\+ +1 +2778 +17800$/m);
    expect(shown.stdout).not.toMatch(/2738\.9|2777\.8/);
    const answers = JSON.parse((await promo(['insights', '--platform', 'douyin', '--json'])).stdout) as { streams: { byLength: { slot: string; viewersPerHour: number }[] }[] };
    expect(answers.streams[0]!.byLength.find((x) => x.slot === '4h+')!.viewersPerHour).toBe(2777.78);
    type Slot = { hour: number; lift: number; posts: number; weekday: number | null; metric: string };
    const json = JSON.parse((await promo(['insights', 'best-times', '--json'])).stdout) as Record<string, { metric: string; slots: Slot[]; reason: { kind: string; more?: number }; note: string }>;
    // An empty list says what it would be ranked by and why it is empty (16 more posts needed).
    expect(json.douyin).toEqual({
      account: 'douyin', zone: 'Asia/Shanghai', metric: 'views', requested: 'views', method: 'none', posts: 4, slots: [],
      reason: { kind: 'too-few-posts', posts: 4, needed: 20, more: 16, followers: false },
      note: '4 posts with an hour: promo needs 20 to rank hours (16 more)',
    });
    // TikTok has too few posts, so its follower activity ranks the hours (21:00 most active).
    expect(json.tiktok).toMatchObject({ metric: 'active_followers', method: 'follower-activity', reason: { kind: 'too-few-posts', followers: true } });
    expect(json.tiktok!.slots[0]).toEqual({ weekday: null, hour: 21, lift: expect.any(Number), posts: 0, metric: 'active_followers' });
  });

  it('names file, row and column of bad cells, exits 1, and imports the rest', async () => {
    const { dir, promo } = project('state: state.db\n');
    writeFileSync(join(dir, 'bad.csv'), '作品名称,发布时间,播放量\n好的,2026-07-24 20:00,100\n坏的,2026-07-24 21:00,很多\n');
    const result = await promo(['insights', 'import', 'bad.csv', 'kuaishou-works.xlsx']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('bad.csv: row 3, column C (播放量): "很多" is not a number\n1 problem; everything else was imported\n');
    expect(result.stdout).toContain('bad.csv › bad.csv: 抖音创作者中心 作品列表 → douyin/douyin: 1 row, 1 new');
    expect(result.stdout).toContain('kuaishou-works.xlsx › 作品列表明细: 快手 作品列表明细 → kuaishou/kuaishou: 2 rows, 2 new');
  });

  it('reads an account\'s exports in its configured zone', async () => {
    const { promo } = project('state: state.db\ninsights:\n  accounts:\n    ks-us:\n      timezone: America/New_York\n');
    expect((await promo(['insights', 'import', 'kuaishou-works.xlsx', '--account', 'ks-us'])).code).toBe(0);
    const json = JSON.parse((await promo(['insights', '--json'])).stdout) as { bestTimes: { account: string; zone: string }[] };
    expect(json.bestTimes).toEqual([expect.objectContaining({ account: 'ks-us', zone: 'America/New_York' })]);
  });

  it('refuses an unknown zone and an unknown platform', async () => {
    const bad = project('state: state.db\ninsights:\n  accounts:\n    dy:\n      timezone: Mars/Olympus\n');
    const result = await bad.promo(['insights']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/insights\.accounts\.dy\.timezone.*"Mars\/Olympus" is not an IANA time zone/s);
    const platform = await project('state: state.db\n').promo(['insights', 'import', 'kuaishou-works.xlsx', '--platform', 'weibo']);
    expect(platform.code).toBe(2);
    expect(platform.stderr).toMatch(/--platform weibo is not a platform promo reads exports of; use one of douyin, kuaishou/);
  });
});
