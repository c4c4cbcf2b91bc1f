// The Insights page on a real dashboard over loopback: the empty state says to import, then with
// the Douyin live-session fixture and a seeded Kuaishou history (20:00 posts do 3× better) it shows
// the same answers and SVG charts as `promo insights report`, inline under the strict CSP (no
// style attribute, no script but the nonce'd ones), a hostile product and clip title as text, and
// no secret. In Chromium at desktop and phone width: glyphs drawn, no page-level horizontal scroll.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { exportFixtures } from '../../scripts/insights/export-fixtures.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { startDashboard, type DashboardServer } from '../../src/dashboard/start-dashboard.ts';
import { importExports } from '../../src/insights/import-exports.ts';
import { openStateDb } from '../../src/store/open-state-db.ts';
import { chromiumMissing, launchChromium } from '../helpers/launch-chromium.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { REPO } from '../helpers/spec-dir.ts';
import { syntheticHistory } from '../helpers/synthetic-history.ts';
import { onTestFinished } from 'vitest';
import { dashboardRequest } from './dashboard-request.ts';
import { HOSTILE } from './dashboard-project.ts';

const SHOTS = join(REPO, 'test', '.work', 'screenshots');
const SECRET = 'tok_INSIGHTS_CANARY_51c0';

/** seed: false, no state database; 'empty', a state database with nothing imported; true, the imports. */
async function serveProject(seed: boolean | 'empty', lang: 'zh' | 'en' = 'zh'): Promise<DashboardServer> {
  const dir = makeTempDir('insights-page-');
  writeFileSync(join(dir, 'config.yaml'), `timezone: Asia/Shanghai\nchannels:\n  hook:\n    type: webhook\n    url: "\${INSIGHTS_HOOK_URL}"\n    secret: "\${INSIGHTS_HOOK_SECRET}"\n`);
  // The secrets are in the environment, as config.yaml asks; none may reach the page.
  vi.stubEnv('INSIGHTS_HOOK_URL', `https://hooks.example.com/x?token=${SECRET}`);
  vi.stubEnv('INSIGHTS_HOOK_SECRET', `whsec_${SECRET}`);
  const config = await loadConfig(join(dir, 'config.yaml'), { cwd: dir });
  if (seed === 'empty') openStateDb(config.state).close();
  if (seed === true) {
    writeFileSync(join(dir, 'session.xlsx'), (await exportFixtures())['douyin-live-session.xlsx']!);
    const db = openStateDb(config.state);
    try {
      await importExports({ files: [join(dir, 'session.xlsx')], db, zoneOf: () => 'Asia/Shanghai', now: Date.UTC(2026, 7, 1) });
      db.prepare(`INSERT INTO insight_referrals (platform, account, stream_start_ms, title, posted_ms, referrals, imported_at) VALUES ('douyin', 'douyin', ?, ?, ?, 5, 'x')`).run(Date.UTC(2026, 6, 28, 12), `引流 ${HOSTILE}`, Date.UTC(2026, 6, 28, 11));
      db.prepare(`UPDATE insight_products SET name = ? WHERE rowid = (SELECT min(rowid) FROM insight_products)`).run(`龙井 ${HOSTILE}`);
      const insert = db.prepare(`INSERT INTO insight_posts (platform, account, key, title, published_ms, format, views, imported_at) VALUES ('kuaishou', 'kuaishou', ?, 't', ?, 'kuaishou-works', ?, 'x')`);
      const hours = [9, 12, 15, 18, 20, 22];
      for (const [i, p] of syntheticHistory({ posts: 200, zone: 'Asia/Shanghai', hours: (_, r) => hours[Math.floor(r() * hours.length)]!, effect: (_, h) => (h === 20 ? 3 : 1), seed: 5 }).entries()) insert.run(`s${i}`, p.publishedMs, p.value);
    } finally {
      db.close();
    }
  }
  const server = await startDashboard({ config, port: 0, lang });
  onTestFinished(() => server.close());
  return server;
}

describe('Insights page', () => {
  it('says how to import when nothing is imported (no state database yet, or one without imports)', async () => {
    const server = await serveProject(false);
    const page = await dashboardRequest(`${server.url}insights`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<a href="/insights" aria-current="page">数据</a>');
    expect(page.text).toContain('promo insights import &lt;file&gt;');
    expect(page.text).not.toContain('<svg class="chart"');
    const en = await dashboardRequest(`${(await serveProject('empty', 'en')).url}insights`);
    expect(en.text).toContain('<a href="/insights" aria-current="page">Insights</a>');
    expect(en.text).toContain('Nothing imported yet.');
  });

  it('shows the report\'s answers and charts inline, user text escaped, nothing a strict CSP blocks, no secret', async () => {
    const server = await serveProject(true);
    const page = await dashboardRequest(`${server.url}insights`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    // The same four charts as the report, as inline SVG.
    expect(page.text.match(/<svg class="chart"/g)).toHaveLength(4);
    expect(page.text).toContain('kuaishou 最佳发布时段');
    expect(page.text).toMatch(/kuaishou\/kuaishou <span class="muted">Asia\/Shanghai<\/span><\/h3><p>共 200 条作品；1 个时段明显好于账号基准。相对基准：播放量与账号平时水平之比/);
    expect(page.text).toMatch(/<tr><td>20:00<\/td><td>[2-4]\.\d\d×<\/td><td>\d+<\/td><td>明显更好<\/td><\/tr>/);
    // The stream slots' viewers and sales per hour, rounded in the chart's labels (2777.78 → 2778).
    expect(page.text).toMatch(/>2778<|>2739</);
    expect(page.text).not.toMatch(/2777\.78|2738\.89/);
    // Hostile text arrives as text, in tables and inside the SVG.
    expect(page.text).toContain('引流 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(page.text).toContain('龙井 &lt;script&gt;');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('" onmouseover="');
    // Under the CSP: no style attribute or unnonced style/script element would be blocked.
    expect(page.text).not.toMatch(/\sstyle="/);
    expect(page.text).not.toMatch(/<style/);
    expect(page.text.match(/<script[^>]*>/g)!.every((tag) => tag.includes(`nonce="`))).toBe(true);
    expect(page.text).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(page.text).not.toContain(SECRET);
    expect(page.text).not.toContain('hooks.example.com');
  });

  it('says lead times in English words, not the team\'s codes', async () => {
    const page = (await dashboardRequest(`${(await serveProject(true, 'en')).url}insights`)).text;
    expect(page).toContain('Best lead time: about 3 h before');
    expect(page).not.toMatch(/>T-(15m|3h|24h)\b|\bT-(15m|3h|24h) \(/);
  });

  it.skipIf(chromiumMissing() !== undefined)('draws in Chromium at desktop and phone width with Chinese glyphs and no page-level horizontal scroll', async () => {
    const server = await serveProject(true);
    const browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
    for (const [name, width] of [['insights-desktop', 1280], ['insights-phone', 390]] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'zh-CN' });
      const violations: string[] = [];
      page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
      await page.goto(`${server.url}insights`);
      await page.evaluate(() => document.fonts.ready);
      expect(await page.locator('svg.chart').count()).toBe(4);
      const scroll = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
      expect(scroll.page).toBeLessThanOrEqual(scroll.view);
      // The charts' text is drawn in the page's Noto Sans SC (loaded from /assets), not a fallback.
      expect(await page.evaluate(() => document.fonts.check('12px "Noto Sans SC"', '最佳发布时段'))).toBe(true);
      expect(violations).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
      await page.close();
    }
  });
});
