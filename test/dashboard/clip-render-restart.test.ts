// A Clips-page re-render enqueued for the `promo worker`s (queue.backend bullmq) outlives the
// dashboard that enqueued it, and is not orphaned: closing the dashboard leaves the job queued
// (the spec is edited already; the render is what makes the videos match it), and a dashboard
// started again follows it from its start, before anyone opens the Clips page: while no worker
// runs it says the job is waiting for a worker (not a bar at 0 %, readable at phone width), then
// follows it on the real Redis while a real `promo worker` renders it, and says when it ends.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startDashboard } from '../../src/dashboard/start-dashboard.ts';
import { SPEC_RENDER_QUEUE } from '../../src/queue/bullmq/spec-render-job.ts';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumMissing, launchChromium } from '../helpers/launch-chromium.ts';
import { spawnTracked } from '../helpers/spawn-tracked.ts';
import { PROMO_BIN, REPO } from '../helpers/spec-dir.ts';
import { TEST_REDIS_URL } from '../helpers/test-redis.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { dashboardRequest, readEvents } from './dashboard-request.ts';
import { makeWorkerClipProject } from './worker-clip-project.ts';

interface RenderEvent { id: string; state: 'running' | 'done' | 'failed'; fraction: number; stage: string; waiting?: boolean; error?: string }

describe.skipIf(!TEST_REDIS_URL)('a Clips-page re-render on the workers across a dashboard restart', () => {
  it('is left queued when the dashboard closes, followed by the next dashboard from its start (waiting for a worker) until a worker has rendered it', async () => {
    const { dir, config, prefix, videoOf } = await makeWorkerClipProject();
    const before = await videoOf();
    const redis = new Redis(TEST_REDIS_URL!, { maxRetriesPerRequest: null });
    const queue = new Queue(SPEC_RENDER_QUEUE, { connection: redis, prefix });
    onTestFinished(async () => { await queue.close(); redis.disconnect(); });

    // The edit, with no worker running: the product's job waits in the queue.
    const first = await startDashboard({ config, port: 0, lang: 'en', pollMs: 100 });
    const clips = await dashboardRequest(`${first.url}clips`);
    const action = /<form class="clip-form" method="post" action="(\/clips\/([0-9a-f]+)\/TEA-001\/0)"/.exec(clips.text);
    expect(action, clips.text.slice(0, 2000)).not.toBeNull();
    const edited = await dashboardRequest(`${first.url}${action![1]!.slice(1)}`, { method: 'POST', headers: { origin: first.url.slice(0, -1) }, body: new URLSearchParams({ caption: 'second caption' }).toString() });
    expect(edited.status).toBe(303);
    await waitFor(async () => (await queue.getJobs(['waiting'])).length === 1, 'the re-render to be queued for the workers');
    await first.close();

    // Closing took nothing back: the job is still there for the workers.
    const [job] = await queue.getJobs(['waiting']);
    expect(job!.data).toMatchObject({ sku: 'TEA-001', spec: dir.spec });

    // The next dashboard follows it from its start: nobody opens the Clips page until the render has ended.
    // The browser's language decides (English without one), so the page is also seen in Chinese.
    const second = await startDashboard({ config, port: 0, pollMs: 100 });
    onTestFinished(() => second.close());
    const renderId = `${action![2]}/TEA-001`;
    const renders: RenderEvent[] = [];
    const seen = (wanted: (state: RenderEvent) => boolean) => readEvents(`${second.url}events`, (frame) => {
      if (frame.event !== 'render') return false;
      const state = JSON.parse(frame.data) as RenderEvent;
      if (state.id !== renderId) return false;
      renders.push(state);
      return wanted(state);
    });
    // No worker runs: it says so (the stream replays the last render event to a page that connects).
    const waiting = await within(seen((state) => state.waiting === true), 60_000, () => `a render event saying the job waits for a worker (seen: ${JSON.stringify(renders)})`);
    expect(JSON.parse(waiting.at(-1)!.data)).toMatchObject({ id: renderId, state: 'running', waiting: true, stage: 'waiting for a worker' });
    const ended = seen((state) => state.state !== 'running');

    let page: Page | undefined;
    if (!chromiumMissing()) {
      // At phone width, as a person reopening the page sees it (test/.work/screenshots: look at it).
      const browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
      await page.goto(`${second.url}clips`);
      const box = page.locator(`[data-render="${renderId}"]`);
      await box.waitFor({ state: 'visible', timeout: 60_000 });
      await page.waitForSelector('.render-state.render-waiting', { timeout: 60_000 });
      expect(await box.innerText()).toMatch(/^Waiting for a worker\s+queued: it starts once a promo worker is free/);
      expect(await box.locator('progress').count()).toBe(0);
      // Readable at 390 px: nothing wider than the screen, the box inside it.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const bounds = (await box.boundingBox())!;
      expect(bounds.x).toBeGreaterThanOrEqual(0);
      expect(bounds.x + bounds.width).toBeLessThanOrEqual(390);
      await box.scrollIntoViewIfNeeded();
      mkdirSync(join(REPO, 'test', '.work', 'screenshots'), { recursive: true });
      await page.screenshot({ path: join(REPO, 'test', '.work', 'screenshots', 'clips-phone-render-after-restart.png') });
      // The same in Chinese: the whole of both lines inside the box at 390 px (screenshot: look for cut or boxed glyphs).
      const zh = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
      await zh.goto(`${second.url}clips`);
      const zhBox = zh.locator(`[data-render="${renderId}"].render-waiting`);
      await zhBox.waitFor({ state: 'visible', timeout: 60_000 });
      expect(await zhBox.innerText()).toMatch(/^等待 worker 接手\s+已排队：有空闲的 promo worker 时开始（请确认有 worker 在运行）。$/);
      expect(await zh.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const zhBounds = (await zhBox.boundingBox())!;
      expect(zhBounds.x).toBeGreaterThanOrEqual(0);
      expect(zhBounds.x + zhBounds.width).toBeLessThanOrEqual(390);
      const text = zhBox.locator('.render-text');
      expect(await text.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1)).toBe(true);
      const textBounds = (await text.boundingBox())!;
      expect(textBounds.x + textBounds.width).toBeLessThanOrEqual(zhBounds.x + zhBounds.width);
      await zhBox.scrollIntoViewIfNeeded();
      await zh.screenshot({ path: join(REPO, 'test', '.work', 'screenshots', 'clips-phone-render-after-restart-zh.png') });
      await zh.close();
    } else {
      const shown = await dashboardRequest(`${second.url}clips`);
      expect(shown.text).toContain(`<div class="render-state render-running render-waiting" data-render="${renderId}"`);
      expect(shown.text).toContain('<strong>Waiting for a worker</strong>');
    }

    const worker = spawnTracked(process.execPath, [PROMO_BIN, 'worker', '--config', dir.config, '--concurrency', '1', '--grace', '5'], { cwd: dir.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    worker.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
    worker.stdout!.on('data', (d: Buffer) => { log += d.toString(); });
    await ended;
    const last = renders.at(-1)!;
    expect(last.state, `${last.error}\n${log}`).toBe('done');
    expect(log).toMatch(/render TEA-001: rendered/);
    const after = await videoOf();
    expect(after.sha256).not.toBe(before.sha256);
    // Followed once a worker took it: no longer waiting, its progress shown, then its end.
    expect(renders.some((state) => state.state === 'running' && state.waiting !== true)).toBe(true);
    expect(last.waiting).toBeUndefined();
    if (page) {
      // The open page changed by itself (clips.js), from waiting to the end.
      await page.waitForSelector(`[data-render="${renderId}"].render-done`, { timeout: 60_000 });
      await page.close();
    }
    expect((await dashboardRequest(`${second.url}clips`)).text).toContain(`<div class="render-state render-done" data-render="${renderId}"`);
  }, 240_000);
});

/** `promise`, or a failure naming `what` after `ms` (the timer cleared either way). */
async function within<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s waiting for ${what()}`)), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}
