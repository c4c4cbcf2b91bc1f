// The job runner factory: `queue.backend` from config.yaml picks the runner.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { createJobRunner } from '../../src/queue/create-job-runner.ts';
import { BullmqJobRunner } from '../../src/queue/bullmq-job-runner.ts';
import { JobReleased } from '../../src/queue/job-runner.ts';
import { LocalJobRunner } from '../../src/queue/local-job-runner.ts';
import { processOwner } from '../../src/util/process-owner.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { runCli } from '../helpers/spec-dir.ts';
import { namesIn } from '../helpers/watch-dir.ts';
import { freePort, startOwnRedis } from '../helpers/own-redis.ts';
import { TEST_REDIS_URL, testQueuePrefix } from '../helpers/test-redis.ts';

describe('createJobRunner', () => {
  it('opens the embedded runner by default, on the configured state database', async () => {
    const dir = makeTempDir('promo-factory-');
    const config = await loadConfig(undefined, { cwd: dir });
    const runner = createJobRunner(config, { inboxes: [join(dir, 'inbox')] });
    try {
      expect(runner).toBeInstanceOf(LocalJobRunner);
      await runner.submit({ inbox: join(dir, 'inbox'), spec: '/s.yaml', fileName: 'A.mp4', contentSha256: 'a'.repeat(64), size: 1, mtimeMs: 1, sku: 'A', footage: '/f/A.mp4' });
    } finally {
      await runner.close();
    }
    // `promo jobs` lists them through the same factory, and only reads the state database.
    const before = { names: await namesIn(join(dir, '.promo')), bytes: await readFile(config.state) };
    const jobs = await runCli(['jobs', '--json'], { cwd: dir });
    expect(jobs.code, jobs.stderr).toBe(0);
    expect(JSON.parse(jobs.stdout).jobs.map((j: { fileName: string; state: string }) => [j.fileName, j.state])).toEqual([['A.mp4', 'queued']]);
    expect({ names: await namesIn(join(dir, '.promo')), bytes: await readFile(config.state) }).toEqual(before);
  });

  it.skipIf(!TEST_REDIS_URL)('opens the BullMQ runner for backend bullmq; promo jobs lists its jobs from Redis (no state database needed)', async () => {
    const dir = makeTempDir('promo-factory-');
    const prefix = testQueuePrefix();
    await writeFile(join(dir, 'config.yaml'), `out: out\nqueue:\n  backend: bullmq\n  redis: ${TEST_REDIS_URL}\n  prefix: ${prefix}\n`);
    const config = await loadConfig(undefined, { cwd: dir });
    const runner = createJobRunner(config, { inboxes: [join(dir, 'inbox')], concurrency: 2 });
    const input = (sku: string) => ({ inbox: join(dir, 'inbox'), spec: '/s.yaml', fileName: `${sku}.mp4`, contentSha256: sku.padEnd(64, '0'), size: 1, mtimeMs: 1, sku, footage: `/f/${sku}.mp4` });
    try {
      expect(runner).toBeInstanceOf(BullmqJobRunner);
      await runner.submit(input('A'));
      const jobs = await runCli(['jobs', '--json'], { cwd: dir });
      expect(jobs.code, jobs.stderr).toBe(0);
      expect(JSON.parse(jobs.stdout).jobs.map((j: { fileName: string; state: string }) => [j.fileName, j.state])).toEqual([['A.mp4', 'queued']]);

      // Running (on which worker) and failed (why), as a person reads them.
      const bad = await runner.submit(input('BAD'));
      runner.start(async (job, { signal }) => {
        if (job.sku === 'BAD') return { state: 'failed', outputs: [], error: 'clip past the end of BAD.mp4' };
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        throw new JobReleased('stopping');
      });
      await waitFor(async () => (await runner.get(bad.job.id))?.state === 'failed' && (await runner.list({ states: ['running'] })).length === 1, 'A to run and BAD to fail');
      const table = await runCli(['jobs'], { cwd: dir });
      expect(table.code, table.stderr).toBe(0);
      expect(table.stdout).toMatch(new RegExp(`A\\.mp4 +A +running on ${processOwner()}`));
      expect(table.stdout).toMatch(/BAD\.mp4 +BAD +failed .*clip past the end of BAD\.mp4/);
    } finally {
      await runner.stop();
      await runner.close();
    }
  });

  it('fails within seconds with exit 3 when Redis cannot be reached, naming the URL without its password', async () => {
    const dir = makeTempDir('promo-factory-');
    const port = await freePort(); // nothing listens there
    await writeFile(join(dir, 'config.yaml'), `out: out\nqueue:\n  backend: bullmq\n  redis: redis://promo:\${REDIS_PASSWORD}@127.0.0.1:${port}/0\n`);
    const jobs = await runCli(['jobs'], { cwd: dir, env: { REDIS_PASSWORD: 'hunter2-secret' } });
    expect(jobs.code, jobs.stderr).toBe(EXIT.environment);
    expect(jobs.stderr).toContain(`cannot reach Redis at redis://promo@127.0.0.1:${port}/0`);
    expect(jobs.stderr).not.toContain('hunter2-secret');
    // A worker started without its Redis says so too, instead of waiting.
    const worker = await runCli(['worker'], { cwd: dir, env: { REDIS_PASSWORD: 'hunter2-secret' } });
    expect(worker.code, worker.stderr).toBe(EXIT.environment);
    expect(worker.stderr).toContain(`cannot reach Redis at redis://promo@127.0.0.1:${port}/0: connect ECONNREFUSED`);
  });

  it('refuses a Redis that may evict keys (maxmemory-policy other than noeviction), exit 3', async () => {
    const redis = await startOwnRedis(['--maxmemory-policy', 'allkeys-lru']);
    const dir = makeTempDir('promo-factory-');
    await writeFile(join(dir, 'config.yaml'), `out: out\nqueue:\n  backend: bullmq\n  redis: ${redis.url}\n`);
    const jobs = await runCli(['jobs'], { cwd: dir });
    expect(jobs.code, jobs.stderr).toBe(EXIT.environment);
    expect(jobs.stderr).toMatch(/has maxmemory-policy allkeys-lru; promo needs noeviction/);
  });

  it('refuses a Redis password written in config.yaml, saying where', async () => {
    const dir = makeTempDir('promo-factory-');
    await writeFile(join(dir, 'config.yaml'), 'out: out\nqueue:\n  backend: bullmq\n  redis: redis://:hunter2@localhost:6379/0\n');
    const jobs = await runCli(['jobs'], { cwd: dir });
    expect(jobs.code).toBe(EXIT.invalid);
    expect(jobs.stderr).toMatch(/config\.yaml:4:\d+ .*\$\{ENV\} reference/);
  });
});
