// A caption edit on the Clips page with queue.backend bullmq: the product is enqueued for the
// workers (as `promo render` does) instead of rendered in the dashboard's process; a real
// `promo worker` on a real Redis renders it, and its progress and end reach the page's SSE stream
// and the page in a real browser.
import { readFile } from 'node:fs/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startDashboard } from '../../src/dashboard/start-dashboard.ts';
import { chromiumMissing, launchChromium } from '../helpers/launch-chromium.ts';
import { spawnTracked } from '../helpers/spawn-tracked.ts';
import { PROMO_BIN } from '../helpers/spec-dir.ts';
import { TEST_REDIS_URL } from '../helpers/test-redis.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { dashboardRequest, readEvents } from './dashboard-request.ts';
import { makeWorkerClipProject } from './worker-clip-project.ts';

interface RenderEvent { id: string; state: 'running' | 'done' | 'failed'; fraction: number; stage: string; waiting?: boolean; error?: string }

describe.skipIf(!TEST_REDIS_URL || chromiumMissing())('Clips page with queue.backend bullmq', () => {
  it('re-renders an edited product on a promo worker, with the worker\'s progress on the stream', async () => {
    const { dir, config, videoOf } = await makeWorkerClipProject();
    const before = await videoOf();

    const worker = spawnTracked(process.execPath, [PROMO_BIN, 'worker', '--config', dir.config, '--concurrency', '1', '--grace', '5'], { cwd: dir.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    worker.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
    worker.stdout!.on('data', (d: Buffer) => { log += d.toString(); });
    await waitFor(() => log.includes('taking jobs'), () => `the worker to start (${log})`);
    const workerName = /worker (\S+) taking jobs/.exec(log)![1]!;

    const server = await startDashboard({ config, port: 0, lang: 'en', pollMs: 100 });
    onTestFinished(() => server.close());
    const clips = await dashboardRequest(`${server.url}clips`);
    const action = /<form class="clip-form" method="post" action="(\/clips\/[0-9a-f]+\/TEA-001\/0)"/.exec(clips.text)?.[1];
    expect(action, clips.text.slice(0, 2000)).toBeDefined();

    const renders: RenderEvent[] = [];
    const ended = readEvents(`${server.url}events`, (frame) => {
      if (frame.event !== 'render') return false;
      const state = JSON.parse(frame.data) as RenderEvent;
      renders.push(state);
      return state.state !== 'running';
    });
    // Edited in a real browser, as a person does: the form posts, the page comes back and follows the render.
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}clips`);
    await page.waitForSelector('html[data-live="connected"]');
    await page.locator('.clip-edit summary').first().click();
    const form = page.locator(`form[action="${action}"]`);
    await form.locator('textarea[name="caption"]').fill('新的字幕 on the worker');
    await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').click()]);
    await ended;
    await page.waitForFunction(() => document.querySelector('[data-render].render-done') !== null, undefined, { timeout: 60_000 });
    expect(errors).toEqual([]);
    const last = renders.at(-1)!;
    expect(last.state, last.error).toBe('done');
    expect(last.fraction).toBe(1);
    // The worker's own figures, named by the worker that rendered it.
    expect(renders.some((r) => r.state === 'running' && r.stage.endsWith(`(${workerName})`))).toBe(true);
    // Enqueued, it waited for a worker (said so, not 0 %) until the worker took it; not waiting since.
    const queued = renders.findIndex((r) => r.waiting === true);
    expect(renders[queued], JSON.stringify(renders)).toMatchObject({ state: 'running', stage: 'waiting for a worker' });
    expect(renders.slice(queued + 1).every((r) => r.waiting === undefined), JSON.stringify(renders)).toBe(true);
    expect(log).toMatch(/render TEA-001 of .*spec\.yaml/);
    expect(log).toMatch(/render TEA-001: rendered/);
    expect(await readFile(dir.spec, 'utf8')).toContain('新的字幕 on the worker');
    const after = await videoOf();
    expect(after.sha256).not.toBe(before.sha256);
    // The product's tiles are told to swap in the new video, as after a local render.
    const tiles = await dashboardRequest(`${server.url}parts${action!.replace(/\/0$/, '')}`);
    expect(tiles.status).toBe(200);
  }, 60_000);
});
