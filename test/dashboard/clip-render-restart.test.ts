// A Clips-page re-render enqueued for the `promo worker`s (queue.backend bullmq) outlives the
// dashboard that enqueued it, and is not orphaned: closing the dashboard leaves the job queued
// (the spec is edited already; the render is what makes the videos match it), and a dashboard
// started again shows it on the Clips page as rendering, follows it on the real Redis while a real
// `promo worker` renders it, and says when it ends, as the first dashboard would have.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
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

interface RenderEvent { id: string; state: 'running' | 'done' | 'failed'; fraction: number; stage: string; error?: string }

describe.skipIf(!TEST_REDIS_URL)('a Clips-page re-render on the workers across a dashboard restart', () => {
  it('is left queued when the dashboard closes, shown and followed by the next dashboard until a worker has rendered it', async () => {
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

    // The next dashboard shows it as rendering and follows it to its end.
    const second = await startDashboard({ config, port: 0, lang: 'en', pollMs: 100 });
    onTestFinished(() => second.close());
    const renderId = `${action![2]}/TEA-001`;
    const renders: RenderEvent[] = [];
    const ended = readEvents(`${second.url}events`, (frame) => {
      if (frame.event !== 'render') return false;
      const state = JSON.parse(frame.data) as RenderEvent;
      if (state.id === renderId) renders.push(state);
      return state.id === renderId && state.state !== 'running';
    });
    const shown = await dashboardRequest(`${second.url}clips`);
    expect(shown.text).toContain(`<div class="render-state render-running" data-render="${renderId}"`);
    if (!chromiumMissing()) {
      // At phone width, as a person reopening the page sees it (test/.work/screenshots: look at it).
      const browser = await launchChromium();
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
      await page.goto(`${second.url}clips`);
      await page.waitForSelector('.render-state.render-running');
      mkdirSync(join(REPO, 'test', '.work', 'screenshots'), { recursive: true });
      await page.screenshot({ path: join(REPO, 'test', '.work', 'screenshots', 'clips-phone-render-after-restart.png') });
      await page.close();
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
    expect((await dashboardRequest(`${second.url}clips`)).text).toContain(`<div class="render-state render-done" data-render="${renderId}"`);
  }, 180_000);
});
