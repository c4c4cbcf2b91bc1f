// A running job's progress from the BullMQ runner on a real Redis: the changes reach the
// dashboard's SSE stream and the Inbox page although nothing writes the state database, and
// `promo jobs` (table and --json) shows the figure.
import { describe, expect, it, onTestFinished } from 'vitest';
import { startDashboard } from '../../src/dashboard/start-dashboard.ts';
import { BullmqJobRunner } from '../../src/queue/bullmq-job-runner.ts';
import { runCli } from '../helpers/spec-dir.ts';
import { TEST_REDIS_URL, testQueuePrefix } from '../helpers/test-redis.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { dashboardRequest, readEvents } from './dashboard-request.ts';
import { holdRunningJob, inboxProject } from './inbox-progress-fixture.ts';

describe('Inbox page: running jobs with progress (BullMQ)', () => {
  it.skipIf(!TEST_REDIS_URL)('reaches the page\'s stream from the BullMQ runner\'s Redis, and `promo jobs --json` shows it', async () => {
    const prefix = testQueuePrefix();
    const { dir, config, inbox } = await inboxProject({ backend: 'bullmq', redis: TEST_REDIS_URL, prefix });
    const runner = new BullmqJobRunner({ redis: { url: TEST_REDIS_URL!, shown: TEST_REDIS_URL! }, prefix, inboxes: [inbox], concurrency: 1, lockSeconds: 5 });
    onTestFinished(() => runner.close());
    const held = await holdRunningJob(runner, inbox, dir.spec);
    onTestFinished(async () => { held.release(); await runner.stop(); });
    held.context.progress(0.25, 'TEA-001 douyin: encoding');
    const server = await startDashboard({ config, port: 0, lang: 'en', pollMs: 100 });
    onTestFinished(() => server.close());
    await waitFor(async () => (await dashboardRequest(`${server.url}parts/inbox`)).text.includes('25 %'), 'the page to show 25 %');

    // The stream replays the last `inbox` event on connect; the next one is the figure moving.
    let inboxEvents = 0;
    const moved = readEvents(`${server.url}events`, (frame) => frame.event === 'inbox' && ++inboxEvents === 2);
    await waitFor(() => inboxEvents === 1, 'the replayed inbox event');
    held.context.progress(0.62, 'TEA-001 douyin: encoding');
    await moved;
    const part = (await dashboardRequest(`${server.url}parts/inbox`)).text;
    expect(part).toContain('<span class="percent">62 %</span>');
    expect(part).toContain('TEA-001 douyin: encoding');

    const listed = await runCli(['jobs', '--json', '--config', dir.config], { cwd: dir.dir });
    expect(listed.code, listed.stderr).toBe(0);
    const jobs = (JSON.parse(listed.stdout) as { jobs: { id: string; state: string; progress?: unknown }[] }).jobs;
    expect(jobs.find((job) => job.id === held.id)).toMatchObject({ state: 'running', progress: { fraction: 0.62, what: 'TEA-001 douyin: encoding' } });
    const table = await runCli(['jobs', '--config', dir.config], { cwd: dir.dir });
    expect(table.stdout).toMatch(/running on \S+ 62 % \(TEA-001 douyin: encoding\)/);
  }, 60_000);
});
