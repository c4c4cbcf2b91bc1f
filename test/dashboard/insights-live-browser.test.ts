// The Insights page is live: open in Chromium on an empty state, `promo insights import` run as
// its own process (as a person at the terminal would) writes the state database, and the page
// swaps in the new charts and figures over the dashboard's SSE stream, without a reload and
// without a CSP violation. The words around them are the page's language (zh here), not the
// CLI's English. The test waits on conditions only (waitFor), never on time.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { exportFixtures } from '../../scripts/insights/export-fixtures.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { startDashboard } from '../../src/dashboard/start-dashboard.ts';
import { openStateDb } from '../../src/store/open-state-db.ts';
import { chromiumMissing, launchChromium } from '../helpers/launch-chromium.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { runCli } from '../helpers/spec-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';

describe.skipIf(chromiumMissing() !== undefined)('Insights page, live', () => {
  it('shows an import made by another process while the page is open', async () => {
    const dir = makeTempDir('insights-live-');
    const configFile = join(dir, 'config.yaml');
    writeFileSync(configFile, 'timezone: Asia/Shanghai\nstate: .promo/state.db\n');
    writeFileSync(join(dir, 'session.xlsx'), (await exportFixtures())['douyin-live-session.xlsx']!);
    const config = await loadConfig(configFile, { cwd: dir });
    openStateDb(config.state).close();
    const server = await startDashboard({ config, port: 0, lang: 'zh', pollMs: 50 });
    onTestFinished(() => server.close());

    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const violations: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
    await page.goto(`${server.url}insights`);
    await page.waitForSelector('html[data-live="connected"]');
    expect(await page.locator('#insights .insights-empty').count()).toBe(1);
    expect(await page.locator('svg.chart').count()).toBe(0);
    // Marks this document: a reload would lose it.
    await page.evaluate(() => { (window as unknown as { before: boolean }).before = true; });

    // --now: the import's clock, so the run under faketime reads the export the same way.
    const imported = await runCli(['insights', 'import', join(dir, 'session.xlsx'), '--config', configFile, '--now', '2026-08-01T00:00:00Z'], { cwd: dir });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);

    await waitFor(async () => (await page.locator('svg.chart').count()) > 0, 'the imported charts on the open page');
    const region = page.locator('#insights');
    expect(await page.locator('svg.chart').count()).toBe(3);
    // The charts' own text (SVG) included: one language on the page.
    const text = (await region.textContent()) ?? '';
    expect(text).toContain('手工紫砂壶 西施');
    expect(text).toContain('52000');
    expect(text).toContain('今晚8点 紫砂专场');
    // The 引流 lead times and chart captions in Chinese, from the zh table.
    expect(text).toContain('最佳提前发布时间：开播前约 3 小时');
    expect(text).toContain('douyin/douyin 商品成交金额');
    expect(text).toContain('短视频引流：提前多久发布');
    expect(text).toContain('最佳：开播前约 3 小时');
    expect(text).not.toMatch(/\bT-3h\b|\bearlier\b|best|sales|viewers|streams|click rate/i);
    expect(await region.locator('.insights-empty').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { before?: boolean }).before)).toBe(true);
    expect(violations).toEqual([]);
  });
});
