// The job runner factory: `queue.backend` from config.yaml picks the runner.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { createJobRunner } from '../../src/queue/create-job-runner.ts';
import { LocalJobRunner } from '../../src/queue/local-job-runner.ts';
import { openStateDb } from '../../src/store/open-state-db.ts';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { PromoError } from '../../src/util/promo-error.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { runCli } from '../helpers/spec-dir.ts';
import { namesIn } from '../helpers/watch-dir.ts';

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

  it('refuses backend bullmq until it is built, saying where it is set and what to do', async () => {
    const dir = makeTempDir('promo-factory-');
    await writeFile(join(dir, 'config.yaml'), 'out: out\nqueue:\n  backend: bullmq\n  redis: redis://localhost:6379/0\n');
    const config = await loadConfig(undefined, { cwd: dir });
    let error: unknown;
    try {
      createJobRunner(config, { inboxes: [] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PromoError);
    expect((error as PromoError).code).toBe('CONFIG_INVALID');
    expect((error as PromoError).describe(dir)).toMatch(/^config\.yaml:3:12 queue\.backend: bullmq is not available yet: .*issue 10; set `queue: \{ backend: local \}`/);
    // A command that uses the runner says so, and exits as for any configuration problem.
    openStateDb(join(dir, '.promo', 'state.db')).close();
    const jobs = await runCli(['jobs'], { cwd: dir });
    expect(jobs.code).toBe(EXIT.invalid);
    expect(jobs.stderr).toMatch(/config\.yaml:3:12 queue\.backend: bullmq is not available yet/);
  });
});
