// The best-times metric as users set it: config.yaml's insights.metric with per-platform and
// per-account settings (account > platform > default > views), errors at config.yaml:LINE:COL for
// an unknown name, `--metric` on the real binary, the JSON naming the metric, and the report's
// best-time chart titles naming it in zh and en.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSIGHT_PLATFORM_NAMES } from '../../src/config/insights-schema.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { prepareFonts } from '../../src/graphics/prepare-fonts.ts';
import { accountMetric } from '../../src/insights/account-metric.ts';
import { INSIGHT_PLATFORMS } from '../../src/insights/export-formats.ts';
import { insightsCharts } from '../../src/insights/insights-charts.ts';
import { readBestTimes } from '../../src/insights/read-best-times.ts';
import { writeInsightsReport } from '../../src/insights/write-insights-report.ts';
import { openStateDb } from '../../src/store/open-state-db.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { runCli } from '../helpers/spec-dir.ts';
import { syntheticHistory } from '../helpers/synthetic-history.ts';

const HOURS = [8, 12, 15, 18, 20, 22];
const cycle = (i: number) => HOURS[i % HOURS.length]!;

function project(config: string) {
  const dir = makeTempDir('insights-metric-');
  writeFileSync(join(dir, 'config.yaml'), config);
  return { dir, load: () => loadConfig('config.yaml', { cwd: dir }) };
}

/** 200 Douyin posts whose views carry no effect and whose shares are 3× at 20:00; none has saves. */
function seed(file: string): void {
  const db = openStateDb(file);
  const insert = db.prepare(`INSERT INTO insight_posts (platform, account, key, title, published_ms, format, views, shares, imported_at) VALUES ('douyin', 'douyin', ?, 't', ?, 'douyin-works', ?, ?, 'x')`);
  const shares = syntheticHistory({ posts: 200, zone: 'Asia/Shanghai', hours: cycle, effect: (_, h) => (h === 20 ? 3 : 1), seed: 31 });
  syntheticHistory({ posts: 200, zone: 'Asia/Shanghai', hours: cycle, seed: 30 }).forEach((p, i) => insert.run(`k${i}`, p.publishedMs, p.value, Math.round(shares[i]!.value / 100)));
  db.close();
}

describe('insights metric (config and CLI)', () => {
  it('takes the account\'s metric, else its platform\'s, else the default, else views; --metric over all', async () => {
    const config = await project(`insights:
  metric: likes
  platforms:
    douyin: { metric: shares }
  accounts:
    dy-live: { metric: live_entries }
    ks-us: { timezone: America/New_York }
`).load();
    const metricOf = accountMetric(config);
    expect(metricOf('douyin', 'dy-live')).toBe('live_entries');
    expect(metricOf('douyin', 'douyin')).toBe('shares');
    expect(metricOf('kuaishou', 'ks-us')).toBe('likes');
    expect(accountMetric(config, 'completion')('douyin', 'dy-live')).toBe('completion');
    expect(config.insights!.accounts['ks-us']).toEqual({ timezone: 'America/New_York' });
    expect(accountMetric(await project('timezone: UTC\n').load())('douyin', 'douyin')).toBe('views');
  });

  it('names config.yaml:LINE:COL for an unknown metric, platform or field', async () => {
    const bad = project(`insights:
  metric: shars
  platforms:
    douyn: { metric: views }
    kuaishou: { metric: plays }
  accounts:
    shop: { metric: clicks }
`);
    const error = await bad.load().then(() => undefined, (e: Error) => e);
    expect(error?.message).toContain('the config has 4 problems');
    expect(error?.message).toContain('config.yaml:2:11 insights.metric: expected one of views, likes, shares, comments, saves, followers, completion, live_entries, engagement, received "shars"; did you mean `shares`?');
    expect(error?.message).toMatch(/config\.yaml:4:5 insights\.platforms\.douyn: unknown field `douyn` \(did you mean `douyin`\?\)/);
    expect(error?.message).toContain('config.yaml:5:25 insights.platforms.kuaishou.metric: expected one of views');
    expect(error?.message).toContain('config.yaml:7:21 insights.accounts.shop.metric: expected one of views');
  });

  it('config\'s platforms are the platforms promo reads exports of', () => {
    expect([...INSIGHT_PLATFORM_NAMES].sort()).toEqual([...INSIGHT_PLATFORMS].sort());
  });

  it('promo insights uses the configured metric, --metric overrides it, and the JSON names it', async () => {
    const { dir } = project('state: state.db\ninsights:\n  platforms:\n    douyin: { metric: shares }\n');
    seed(join(dir, 'state.db'));
    const promo = (args: string[]) => runCli(args, { cwd: dir });
    const json = JSON.parse((await promo(['insights', 'best-times', '--json'])).stdout) as Record<string, { metric: string; reason: { kind: string }; slots: { hour: number; metric: string; lift: number }[] }>;
    expect(json.douyin).toMatchObject({ metric: 'shares', requested: 'shares', reason: { kind: 'ranked' } });
    expect(json.douyin!.slots[0]).toMatchObject({ hour: 20, metric: 'shares' });
    expect(json.douyin!.slots.every((s) => s.metric === 'shares')).toBe(true);
    const [text, byViews, bySaves, wrong] = await Promise.all([
      promo(['insights']),
      promo(['insights', 'best-times', '--json', '--metric', 'views']),
      promo(['insights', '--json', '--metric', 'saves']),
      promo(['insights', 'best-times', '--metric', 'plays']),
    ]);
    expect(text.stdout).toContain('douyin/douyin — best times to post (hour-of-day, by shares, Asia/Shanghai): 200 posts; 1 slot does clearly better');
    const views = (JSON.parse(byViews.stdout) as Record<string, { metric: string; slots: { metric: string }[] }>).douyin!;
    expect([views.metric, views.slots[0]!.metric]).toEqual(['views', 'views']);
    const saves = (JSON.parse(bySaves.stdout) as { bestTimes: { metric: string; requested: string; metricNote: string }[] }).bestTimes[0]!;
    expect(saves).toMatchObject({ metric: 'views', requested: 'saves' });
    expect(saves.metricNote).toMatch(/^saves \(收藏量\) is missing for douyin\/douyin: no post carries it; 抖音创作者中心 作品列表 \(200 posts\) has its 收藏量 column empty; /);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--metric plays is not a metric best times can be measured by; use one of views, likes, shares/);
  });

  it('the report\'s best-time charts name the metric, in zh and en', async () => {
    const dir = makeTempDir('insights-metric-charts-');
    seed(join(dir, 'state.db'));
    const db = openStateDb(join(dir, 'state.db'));
    const [byShares] = readBestTimes(db, { zoneOf: () => 'Asia/Shanghai', metricOf: () => 'shares' });
    const [bySaves] = readBestTimes(db, { zoneOf: () => 'Asia/Shanghai', metricOf: () => 'saves' });
    db.close();
    const [shares, saves] = insightsCharts([byShares!, bySaves!], []);
    expect(shares!.title).toBe('douyin/douyin 最佳发布时段 best times · 按分享量 by shares (Asia/Shanghai)');
    expect(shares!.option.title).toMatchObject({ text: 'douyin 最佳发布时段 · 按分享量 by shares' });
    const report = await writeInsightsReport(join(dir, 'report'), { bestTimes: [byShares!], streams: [], generatedAt: new Date(Date.UTC(2026, 7, 1)) }, await prepareFonts());
    expect(readFileSync(report.html, 'utf8')).toContain('<li><b>douyin/douyin</b> (按分享量 by shares): 200 posts; 1 slot does clearly better');
    expect(saves!.option.title).toMatchObject({ text: 'douyin 最佳发布时段 · 按播放量 by views', subtext: expect.stringMatching(/^数据缺收藏量，改按播放量 no saves in the data, ranked by views\n按小时 hour of day · /) });
  });
});
