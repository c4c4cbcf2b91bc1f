// The Clips, Inbox, Outbox and Health pages in a real browser (Debian's Chromium through
// playwright-core) over a real render, watcher run and daemon tick: the video plays (Range), the
// safe zones show on the toggle, a caption edit re-renders the product with live progress and the
// new video plays; the phone page copies the text and marks the post as posted. Screenshots at
// desktop and 390 px phone width go to test/.work/screenshots (look at them).
import { mkdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readManifest } from '../../src/render/manifest.ts';
import { chromiumMissing, launchChromium } from '../helpers/launch-chromium.ts';
import { REPO } from '../helpers/spec-dir.ts';
import { makeMediaWorld, populateWorld, renderWorld, serveMediaPages, type MediaWorld } from './media-pages-fixture.ts';

const SHOTS = join(REPO, 'test', '.work', 'screenshots');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let world: MediaWorld;
beforeAll(async () => {
  if (chromiumMissing()) return;
  world = await makeMediaWorld();
  await populateWorld(world);
}, 300_000);

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function open(browser: Browser, url: string, viewport: { width: number; height: number }, locale = 'en-US'): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport, locale, timezoneId: 'Europe/Berlin' });
  const errors: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(url);
  await page.waitForSelector('html[data-live="connected"]');
  return { page, errors };
}

/** page.waitForFunction, failing with what it waited for (a bare timeout says nothing). */
async function waitInPage<A>(page: Page, what: string, fn: (arg: A) => boolean, arg: A, timeout = 60_000): Promise<void> {
  try {
    await page.waitForFunction(fn as (arg: unknown) => boolean, arg as unknown, { timeout });
  } catch (error) {
    throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}`, { cause: error });
  }
}

/** Plays the page's first <video> (muted) until its time has moved on: it loaded through Range and decodes. */
async function playsVideo(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(selector);
  await page.evaluate((sel) => {
    const video = document.querySelector(sel) as HTMLVideoElement;
    video.muted = true;
    return video.play();
  }, selector);
  await waitInPage(page, `${selector} to have its frames`, (sel) => (document.querySelector(sel) as HTMLVideoElement).readyState >= 2, selector);
  try {
    await waitInPage(page, `${selector} to play past 0.2 s`, (sel) => {
      const video = document.querySelector(sel) as HTMLVideoElement;
      // Chromium may pause a muted video of a page it deems in the background (another context's
      // page was opened after it): asking again is what a viewer's tap does; the check is that it plays.
      if (video.paused && !video.ended) void video.play().catch(() => undefined);
      return video.currentTime > 0.2;
    }, selector);
  } catch (error) {
    const state = await page.evaluate((sel) => {
      const v = document.querySelector(sel) as HTMLVideoElement;
      return { currentTime: v.currentTime, duration: v.duration, paused: v.paused, ended: v.ended, readyState: v.readyState, networkState: v.networkState, error: v.error?.message ?? v.error?.code, hidden: document.hidden };
    }, selector).catch(() => undefined);
    throw new Error(`${(error as Error).message}; the video's state: ${JSON.stringify(state)}`, { cause: error });
  }
}

describe.skipIf(chromiumMissing() !== undefined)(`the media pages in Chromium${chromiumMissing() ? ` (skipped: ${chromiumMissing()})` : ''}`, () => {
  it('Clips: the video plays, safe zones toggle, and a caption edit re-renders with progress and the new video plays', async () => {
    const server = await serveMediaPages(world, { lang: 'browser' });
    try {
      const browser = await launchChromium();
      const { page, errors } = await open(browser, `${server.url}clips`, DESKTOP);
      const video = '.tile video';
      await playsVideo(page, video);
      expect(await page.locator('.tile .safe').first().isVisible()).toBe(false);
      await page.locator('.tile .safe-toggle').check();
      expect(await page.locator('.tile .safe').first().isVisible()).toBe(true);
      await page.locator('.clip-edit summary').first().click();
      await shoot(page, 'clips-desktop');

      const oldSrc = await page.locator(video).getAttribute('src');
      const oldSha = (await readManifest(world.out))!.artifacts.find((a) => a.kind === 'video')!.sha256;
      // The render's state as the page showed it: as served after the edit's redirect, then every `render` event.
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { renderEvents: string[] }).renderEvents = seen;
        document.addEventListener('DOMContentLoaded', () => seen.push(`page:${document.querySelector('.render-state')?.className ?? ''}`));
        document.addEventListener('promo:render', (event) => seen.push((event as CustomEvent).detail.state));
      });
      await page.locator('.clip-form textarea[name="caption"]').first().fill('新茶上市 · 限时九折');
      await page.locator('.clip-form button[type="submit"]').first().click();
      await page.waitForURL(/\/clips#p-/);
      await page.waitForSelector('.render-state.render-done', { timeout: 120_000 });
      expect(await readFile(world.spec, 'utf8')).toContain('caption: "新茶上市 · 限时九折"   # hostile on purpose');
      await waitInPage(page, 'the re-rendered video to replace the old one', (old) => document.querySelector('.tile video')?.getAttribute('src') !== old, oldSrc);
      const newSha = (await readManifest(world.out))!.artifacts.find((a) => a.kind === 'video')!.sha256;
      expect(newSha).not.toBe(oldSha);
      expect(await page.locator(video).getAttribute('src')).toContain(`?v=${newSha.slice(0, 12)}`);
      // The file served under the new address is the new render, byte for byte.
      const served = await page.evaluate(async (src) => {
        const bytes = new Uint8Array(await (await fetch(src!)).arrayBuffer());
        return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))).map((b) => b.toString(16).padStart(2, '0')).join('');
      }, await page.locator(video).getAttribute('src'));
      expect(served).toBe(newSha);
      await playsVideo(page, video);
      const states = await page.evaluate(() => (window as unknown as { renderEvents: string[] }).renderEvents);
      // The page loaded after the submit shows the render running (an SSE event may come first).
      expect(states.find((s) => s.startsWith('page:')), states.join(' ')).toBe('page:render-state render-running');
      expect(states.at(-1), states.join(' ')).toBe('done');
      expect(await page.locator('.clip-form textarea[name="caption"]').first().inputValue()).toBe('新茶上市 · 限时九折');

      // A render outside the dashboard (promo render) shows on the open page; a caption being typed stays.
      await page.locator('.clip-edit summary').first().click();
      await page.locator('.clip-form textarea[name="caption"]').first().fill('still typing');
      const beforeOutside = await page.locator(video).getAttribute('src');
      await writeFile(world.spec, (await readFile(world.spec, 'utf8')).replace('"新茶上市 · 限时九折"', '"rendered by promo render"'));
      await renderWorld(world);
      await waitInPage(page, 'the video rendered by promo render to show', (old) => document.querySelector('.tile video')?.getAttribute('src') !== old, beforeOutside);
      expect(await page.locator('.clip-form textarea[name="caption"]').first().inputValue()).toBe('still typing');
      expect(errors).toEqual([]);

      const phone = await open(browser, `${server.url}clips`, PHONE, 'zh-CN');
      await phone.page.locator('.tile .safe-toggle').check();
      await phone.page.locator('.clip-edit summary').first().click();
      await waitInPage(phone.page, 'the cover standing in for the video to load', () => (document.querySelector('.tile img') as HTMLImageElement).complete, undefined);
      await shoot(phone.page, 'clips-phone');
      // Nothing is wider than the phone's screen.
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await server.close();
    }
  });

  it('Inbox, Outbox (QR, phone page: copy, Mark as posted) and Health, at desktop and phone width', async () => {
    const server = await serveMediaPages(world, { lang: 'browser' });
    try {
      const browser = await launchChromium();
      const inbox = await open(browser, `${server.url}inbox`, DESKTOP);
      expect(await inbox.page.locator('.chip-failed .chip-label').first().textContent()).toBe('NOPE-999 <b>.mp4');
      await shoot(inbox.page, 'inbox-desktop');
      const inboxPhone = await open(browser, `${server.url}inbox`, PHONE, 'zh-CN');
      await shoot(inboxPhone.page, 'inbox-phone');
      expect(await inboxPhone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

      const outbox = await open(browser, `${server.url}outbox`, DESKTOP);
      expect(await outbox.page.locator('svg.qr').count()).toBe(1);
      await shoot(outbox.page, 'outbox-desktop');
      const phoneUrl = await outbox.page.locator('.outbox-post a').first().getAttribute('href');

      const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', permissions: ['clipboard-read', 'clipboard-write'] });
      const phone = await context.newPage();
      phone.on('dialog', (dialog) => void dialog.accept());
      await phone.goto(`${server.url}${phoneUrl!.slice(1)}`);
      await phone.waitForSelector('html[data-live="connected"]');
      await playsVideo(phone, '.phone-video');
      await phone.locator('button[data-copy]').click();
      await phone.waitForSelector('button[data-copied-at]');
      expect(await phone.evaluate(() => navigator.clipboard.readText())).toMatch(/^明晚八点开播 <script>alert\(1\)<\/script>/);
      await shoot(phone, 'outbox-phone');
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await phone.locator('form[action$="/posted"] button').click();
      await phone.waitForSelector('text=已标记为已发布。');
      expect(await phone.locator('form[action$="/posted"]').count()).toBe(0);
      await context.close();

      const health = await open(browser, `${server.url}health`, DESKTOP);
      expect(await health.page.locator('#health').textContent()).toContain('PROMO_TEST_WEBHOOK_SECRET');
      await shoot(health.page, 'health-desktop');
      const healthPhone = await open(browser, `${server.url}health`, PHONE, 'zh-CN');
      await shoot(healthPhone.page, 'health-phone');
      expect(await healthPhone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      for (const errors of [inbox.errors, outbox.errors, health.errors]) expect(errors).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
