// Test helper for the Inbox progress tests: a project watching `inbox`, and a job held running in
// a real runner (its handler waits until released), whose context the test reports progress through.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.ts';
import type { JobContext, JobRunner } from '../../src/queue/job-runner.ts';
import { makeSpecDir } from '../helpers/spec-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';

/** A project watching `inbox`, with `queue` as its queue config. */
export async function inboxProject(queue?: object) {
  const dir = await makeSpecDir({ stream: { title: 'Tea night', timezone: 'Asia/Shanghai', start: '2030-06-01 20:00' }, products: [{ sku: 'TEA-001', footage: 'tea.mp4', clips: [{ in: 0, out: 1 }] }] }, {
    config: { watch: [{ inbox: 'inbox', spec: 'spec.yaml' }], ...(queue ? { queue } : {}) },
  });
  await mkdir(join(dir.dir, 'inbox'));
  const config = await loadConfig(dir.config, { cwd: dir.dir });
  return { dir, config, inbox: config.watch[0]!.inbox };
}

/** Submits one job to `runner` and starts it with a handler that holds the job until released; resolves with the running job's context. */
export async function holdRunningJob(runner: JobRunner, inbox: string, spec: string): Promise<{ id: string; context: JobContext; release(): void }> {
  const { job } = await runner.submit({ inbox, spec, fileName: 'TEA-001 take 2.mp4', contentSha256: 'b'.repeat(64), size: 1000, mtimeMs: 1, sku: 'TEA-001', footage: join(inbox, 'work', 'TEA-001 take 2.mp4') });
  let release = () => {};
  const released = new Promise<void>((resolve) => { release = resolve; });
  let context: JobContext | undefined;
  runner.start(async (_job, given) => {
    context = given;
    await released;
    return { state: 'done', outputs: [] };
  });
  await waitFor(() => context !== undefined, 'the job to start');
  return { id: job.id, context: context!, release };
}
