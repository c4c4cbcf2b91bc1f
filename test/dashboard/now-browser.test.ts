// The Now page in a real browser (Debian's Chromium through playwright-core) against a real
// `promo daemon` and a loopback webhook: a post that fails shows the channel's error and is
// retried from the page exactly once; the daemon stopping turns the banner red. Screenshots at
// desktop and phone width go to test/.work/screenshots (look at them). The stream is placed
// after the real clock (so this passes under faketime too); the daemon's clock is given by --now.
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startDashboard } from '../../src/dashboard/start-dashboard.ts';
import { zonedTime } from '../../src/dashboard/zoned-time.ts';
import { openStateDb } from '../../src/store/open-state-db.ts';
import { chromiumMissing, launchChromium } from '../helpers/launch-chromium.ts';
import { REPO, runCli } from '../helpers/spec-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { leaksSecret, makeDashboardProject } from './dashboard-project.ts';

const SHOTS = join(REPO, 'test', '.work', 'screenshots');

/** A stream 3 h 10 min from now (whole minutes, Shanghai wall time) whose T-3h post is due in ~10 min. */
function upcomingStart(): { start: string; due: Date } {
  const startMs = Math.ceil((Date.now() + 3 * 3_600_000 + 10 * 60_000) / 60_000) * 60_000;
  return { start: zonedTime(new Date(startMs), 'Asia/Shanghai'), due: new Date(startMs - 3 * 3_600_000) };
}

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe.skipIf(chromiumMissing() !== undefined)(`the Now page in Chromium${chromiumMissing() ? ` (skipped: ${chromiumMissing()})` : ''}`, () => {
  it('shows a failed post with its error, and retries it from the page exactly once', async () => {
    const { start, due } = upcomingStart();
    const project = await makeDashboardProject({
      start,
      title: '年货节 · 明前龙井专场',
      posts: [
        { at: '-3h', text: '今晚8点开播，明前龙井限时优惠！{{countdown}}', channels: ['hook', 'outbox'] },
        { at: '-1h', text: '还有一小时开播', channels: ['hook'] },
        { at: '-15m', text: '马上开播', channels: ['hook'] },
      ],
    });
    project.hook.script(['echo']);
    const failTick = await project.promo('daemon', '--once', '--now', new Date(due.getTime() + 30_000).toISOString());
    expect(failTick.code, failTick.stderr).toBe(1);
    const server = await startDashboard({ config: project.promoConfig, port: 0, pollMs: 100 });
    const browser = await launchChromium();

    // Desktop, English, a viewer in Berlin: times in Shanghai with the viewer's beside them.
    const desktop = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'Europe/Berlin' });
    const failures: string[] = [];
    desktop.on('console', (message) => { if (message.type() === 'error') failures.push(message.text()); });
    desktop.on('pageerror', (error) => failures.push(error.message));
    await desktop.goto(`${server.url}now`);
    await desktop.waitForSelector('html[data-live="connected"]');
    const failed = desktop.locator('#post-1');
    expect(await failed.getAttribute('data-state')).toBe('failed');
    expect(await failed.locator('.chip-detail.error').textContent()).toMatch(/^webhook "hook": HTTP 404: /);
    expect(await failed.locator('.chip-todo').textContent()).toContain('Fix what it names');
    expect(await desktop.locator('.stream-when .viewer-time').textContent()).toMatch(/^ \(your time \d{4}-\d\d-\d\d \d\d:\d\d Europe\/Berlin\)$/);
    const html = await desktop.content();
    expect(leaksSecret(html, project)).toBeUndefined();
    await shoot(desktop, 'now-desktop-failed');

    // Retry, clicked twice: the button is disabled by the first click; the page comes back saying so.
    await failed.locator('button', { hasText: 'Retry' }).dblclick();
    await desktop.waitForSelector('.notice');
    expect(await desktop.locator('.notice').textContent()).toMatch(/^Post #1 is pending again/);
    expect(await desktop.locator('#post-1').getAttribute('data-state')).toBe('pending');
    expect(await desktop.locator('#post-1 button', { hasText: 'Retry' }).count()).toBe(0);
    const requests = project.hook.requests;

    // The daemon's next tick sends it once; the page turns the chip sent by itself (SSE).
    await desktop.waitForSelector('html[data-live="connected"]');
    const sendTick = await project.promo('daemon', '--once', '--now', new Date(due.getTime() + 60_000).toISOString());
    expect(sendTick.code, sendTick.stderr).toBe(0);
    await desktop.waitForSelector('#post-1[data-state="sent"]');
    expect(project.hook.requests).toBe(requests + 1);
    expect(project.hook.deliveries).toHaveLength(1);
    expect(project.hook.deliveries[0]!.text).toContain('明前龙井限时优惠');
    await shoot(desktop, 'now-desktop-sent');

    // Phone, Chinese, a viewer in Shanghai: one column, no second time, Chinese glyphs from the shipped font.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await phone.goto(`${server.url}now`);
    await phone.waitForSelector('html[data-live="connected"]');
    expect(await phone.locator('h1').textContent()).toBe('现在：即将开始的直播');
    expect(await phone.locator('.viewer-time').count()).toBe(0);
    await phone.evaluate(() => document.fonts.ready);
    expect(await phone.evaluate(() => document.fonts.check('16px "Noto Sans SC"', '开播'))).toBe(true);
    // Nothing wider than the screen.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shoot(phone, 'now-phone');
    expect(failures).toEqual([]);
    await server.close();
  });

  it('logs in from a link on another site (a chat message) with the one-time link, and only once', async () => {
    const { start } = upcomingStart();
    const project = await makeDashboardProject({ start, title: '年货节 · 明前龙井专场', posts: [{ at: '-1h', text: '还有一小时开播', channels: ['outbox'] }] });
    // 127.0.0.2: not 127.0.0.1, so promo asks for the login as on a LAN address.
    const server = await startDashboard({ config: project.promoConfig, host: '127.0.0.2', port: 0 });
    const chat = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><a id="link" href="${server.loginUrl}">promo</a>`);
    });
    await new Promise<void>((resolve) => chat.listen(0, '127.0.0.1', resolve));
    try {
      const browser = await launchChromium();
      const page = await browser.newPage({ locale: 'en-US' });
      await page.goto(`http://127.0.0.1:${(chat.address() as { port: number }).port}/`);
      await page.click('#link');
      await page.waitForSelector('h1');
      expect(await page.locator('h1').textContent()).toBe('Now: upcoming streams');
      expect(page.url()).toBe(`${server.url}`.replace(/\/$/, '/now'));
      await page.reload();
      expect(await page.locator('h1').textContent()).toBe('Now: upcoming streams');
      // The same link in another browser (another person): used already.
      const other = await (await browser.newContext()).newPage();
      const answer = await other.goto(server.loginUrl!);
      expect(answer!.status()).toBe(401);
      await server.close();
    } finally {
      chat.close();
    }
  });

  it('turns the daemon banner red when the daemon stops beating, and when it dies', async () => {
    const { start } = upcomingStart();
    const project = await makeDashboardProject({ start, title: '年货节 · 明前龙井专场', posts: [{ at: '-1h', text: '还有一小时开播', channels: ['outbox'] }] });
    let daemon: ChildProcess | undefined;
    let stderr = '';
    const running = runCli(['daemon', '--config', project.config], { cwd: project.dir, env: project.env, onSpawn: (child) => { daemon = child; }, onStderr: (text) => { stderr += text; } });
    const server = await startDashboard({ config: project.promoConfig, port: 0, pollMs: 100 });
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    await page.goto(`${server.url}now`);
    await page.waitForSelector('#daemon-banner [data-daemon-state="running"]', { timeout: 60_000 }).catch((error: Error) => {
      throw new Error(`${error.message}\ndaemon stderr:\n${stderr}`);
    });
    expect(await page.locator('.banner').getAttribute('class')).toContain('banner-ok');

    // Stopped (SIGSTOP: it cannot beat), its last heartbeat moved two minutes back in the state.
    daemon!.kill('SIGSTOP');
    const db = openStateDb(project.promoConfig.state);
    db.prepare('UPDATE daemon_lock SET heartbeat_at = ? WHERE id = 1').run(new Date(Date.now() - 120_000).toISOString());
    db.close();
    await page.waitForSelector('#daemon-banner [data-daemon-state="stale"]');
    expect(await page.locator('.banner').getAttribute('class')).toContain('banner-alert');
    expect(await page.locator('.banner').textContent()).toMatch(/has not ticked for 2 min/);
    await shoot(page, 'now-phone-daemon-stale');

    // Killed: its lock is left behind by a process that is gone.
    daemon!.kill('SIGKILL');
    await running;
    await waitFor(async () => (await page.locator('#daemon-banner [data-daemon-state="dead"]').count()) === 1, 'the banner to say the daemon died');
    expect(await page.locator('.banner').textContent()).toContain('stopped without releasing its lock');
    await server.close();
  });
});
