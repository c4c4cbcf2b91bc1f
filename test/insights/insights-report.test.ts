// promo insights report: report.html with each chart as SVG and PNG (ECharts' server-side SVG,
// resvg with the shipped Noto Sans SC), user text escaped, on the fixtures plus a seeded history.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { exportFixtures } from '../../scripts/insights/export-fixtures.ts';
import { prepareFonts } from '../../src/graphics/prepare-fonts.ts';
import { importExports } from '../../src/insights/import-exports.ts';
import { readBestTimes } from '../../src/insights/read-best-times.ts';
import { readStreamInsights } from '../../src/insights/read-stream-insights.ts';
import { writeInsightsReport } from '../../src/insights/write-insights-report.ts';
import { openStateDb } from '../../src/store/open-state-db.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { syntheticHistory } from '../helpers/synthetic-history.ts';

describe('promo insights report', () => {
  it('writes the charts as SVG and PNG with Chinese labels, and escapes titles', async () => {
    const dir = makeTempDir('insights-report-');
    const fixtures = await exportFixtures();
    writeFileSync(join(dir, 'session.xlsx'), fixtures['douyin-live-session.xlsx']!);
    const db = openStateDb(join(dir, 'state.db'));
    await importExports({ files: [join(dir, 'session.xlsx')], db, zoneOf: () => 'Asia/Shanghai', now: Date.UTC(2026, 7, 1) });
    // A clip title that is markup must arrive as text.
    db.prepare(`INSERT INTO insight_referrals (platform, account, stream_start_ms, title, posted_ms, referrals, imported_at) VALUES ('douyin', 'douyin', ?, '<img src=x onerror=alert(1)>', ?, 5, 'x')`).run(Date.UTC(2026, 6, 28, 12), Date.UTC(2026, 6, 28, 11));
    const insert = db.prepare(`INSERT INTO insight_posts (platform, account, key, title, published_ms, format, views, imported_at) VALUES ('kuaishou', 'kuaishou', ?, 't', ?, 'kuaishou-works', ?, 'x')`);
    const hours = [9, 12, 15, 18, 20, 22];
    for (const [i, p] of syntheticHistory({ posts: 200, zone: 'Asia/Shanghai', hours: (_, r) => hours[Math.floor(r() * hours.length)]!, effect: (_, h) => (h === 20 ? 3 : 1), seed: 5 }).entries()) insert.run(`s${i}`, p.publishedMs, p.value);
    const zoneOf = () => 'Asia/Shanghai';
    const answers = { bestTimes: readBestTimes(db, { zoneOf }), streams: readStreamInsights(db, { zoneOf }), generatedAt: new Date(Date.UTC(2026, 7, 1)) };
    db.close();
    const out = join(dir, 'report');
    const report = await writeInsightsReport(out, answers, await prepareFonts());
    expect(report.charts.map((c) => c.svg.split('/').pop())).toEqual(['best-times-1.svg', 'stream-slots-1.svg', 'lead-times-1.svg', 'products-1.svg']);
    const svg = readFileSync(report.charts[0]!.svg, 'utf8');
    expect(svg).toContain('kuaishou 最佳发布时段');
    expect(svg).toContain('Noto Sans SC');
    for (const chart of report.charts) {
      const meta = await sharp(chart.png).metadata();
      expect(meta.width).toBe(1440);
      // The title strip holds drawn glyphs: dark pixels where the Chinese title is.
      const { data, info } = await sharp(chart.png).extract({ left: 360, top: 20, width: 720, height: 80 }).greyscale().raw().toBuffer({ resolveWithObject: true });
      const dark = data.filter((v) => v < 128).length / (info.width * info.height);
      expect(dark).toBeGreaterThan(0.02);
    }
    const html = readFileSync(report.html, 'utf8');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('<img src="charts/best-times-1.svg"');
    expect(html).toMatch(/kuaishou\/kuaishou<\/b> \(按播放量 by views\): 200 posts; 1 slot does clearly better/);
  });
});
