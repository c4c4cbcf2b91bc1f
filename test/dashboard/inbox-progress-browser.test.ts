// A running job's progress on the Inbox page, from the real embedded runner (state database), in
// a real browser: the bar and percent, updated live over the SSE stream without a reload
// (screenshots at 1280 px and 390 px in test/.work/screenshots: look at them).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startDashboard } from '../../src/dashboard/start-dashboard.ts';
import { LocalJobRunner } from '../../src/queue/local-job-runner.ts';
import { chromiumMissing, launchChromium } from '../helpers/launch-chromium.ts';
import { REPO } from '../helpers/spec-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { holdRunningJob, inboxProject } from './inbox-progress-fixture.ts';

const SHOTS = join(REPO, 'test', '.work', 'screenshots');

describe('Inbox page: running jobs with progress', () => {
  it.skipIf(chromiumMissing())('shows the job\'s bar and percent, and moves it live as the worker reports (embedded runner)', async () => {
    const { dir, config, inbox } = await inboxProject();
    const runner = LocalJobRunner.open(config.state, { inboxes: [inbox], concurrency: 1 });
    onTestFinished(() => runner.close());
    // Beside it, what the page shows anyway (for the screenshot): a rendered file and a refused one.
    await runner.submit({ inbox, spec: dir.spec, fileName: 'TEA-001.mp4', contentSha256: 'a'.repeat(64), size: 1000, mtimeMs: 1, sku: 'TEA-001', footage: join(inbox, 'work', 'TEA-001.mp4') });
    runner.start(async () => ({ state: 'done', outputs: [join(dir.out, 'TEA-001', 'douyin.mp4'), join(dir.out, 'TEA-001', 'xhs.mp4')] }));
    await runner.idle();
    await runner.stop();
    await runner.refuse({ inbox, fileName: 'notes.txt', size: 3, mtimeMs: 1, error: 'notes.txt is not footage promo can read (no video stream); drop a video file' });
    const held = await holdRunningJob(runner, inbox, dir.spec);
    onTestFinished(async () => { held.release(); await runner.stop(); });
    held.context.progress(0.25, 'TEA-001 douyin, xhs: encoding');
    await waitFor(async () => (await runner.get(held.id))?.progress?.fraction === 0.25, 'the figure to be recorded');
    const server = await startDashboard({ config, port: 0, lang: 'en', pollMs: 100 });
    onTestFinished(() => server.close());

    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}inbox`);
    await page.waitForSelector('html[data-live="connected"]');
    const bar = page.locator(`[data-job="${held.id}"] .job-progress`);
    expect(await bar.locator('.percent').textContent()).toBe('25 %');
    expect(await bar.locator('progress').getAttribute('value')).toBe('0.250');
    expect(await page.locator(`[data-job="${held.id}"] .job-what`).textContent()).toBe('TEA-001 douyin, xhs: encoding');
    // The page is not loaded again: a mark set now is still there once the figure moved.
    await page.evaluate(() => { (window as unknown as { promoMark: number }).promoMark = 1; });
    held.context.progress(0.62, 'TEA-001 douyin, xhs: encoding');
    await page.waitForFunction((id) => document.querySelector(`[data-job="${id}"] .percent`)?.textContent === '62 %', held.id, { timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { promoMark?: number }).promoMark)).toBe(1);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'inbox-progress-desktop.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, 'inbox-progress-phone.png'), fullPage: true });
    // No wider than the phone: nothing cut off at the side.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    held.release();
    await waitFor(async () => (await runner.get(held.id))?.state === 'done', 'the job to end');
    await page.waitForFunction((id) => !document.querySelector(`[data-job="${id}"]`), held.id, { timeout: 60_000 });
    expect(errors).toEqual([]);
  }, 60_000);
});
