// The embedded job runner on a real SQLite state database: the job runner contract, with a real
// worker process killed mid-job, and what is particular to its database.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalJobRunner } from '../../src/queue/local-job-runner.ts';
import { makeStateDbAt } from '../helpers/make-state-db-at.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { describeJobRunnerContract, type RunnerBench } from './job-runner-contract.ts';
import { killWorkerMidJob } from './kill-worker-mid-job.ts';

function makeBench(): Promise<RunnerBench> {
  const dir = makeTempDir('promo-runner-');
  const state = join(dir, 'state.db');
  const inbox = join(dir, 'inbox');
  return Promise.resolve({
    inbox,
    open: async (options = {}) => LocalJobRunner.open(state, { inboxes: [inbox], concurrency: options.concurrency ?? 1, onEvent: options.onEvent }),
    crashWhileRunning: async () => {
      await killWorkerMidJob('hang-on-next-job.ts', [state, inbox]);
    },
  });
}

describeJobRunnerContract('LocalJobRunner', makeBench);

describe('LocalJobRunner on its state database', () => {
  it('upgrades a state database keyed on content alone to content and product', async () => {
    const bench = await makeBench();
    const state = join(bench.inbox, '..', 'state.db');
    // A database as schema version 3 left it (the last one keyed on content alone).
    makeStateDbAt(state, 3).close();
    const runner = await bench.open();
    try {
      const input = { inbox: bench.inbox, spec: '/s.yaml', contentSha256: 'c'.repeat(64), size: 1, mtimeMs: 1 };
      await runner.submit({ ...input, fileName: 'TEA-001.mp4', sku: 'TEA-001', footage: '/f/TEA-001.mp4' });
      expect((await runner.submit({ ...input, fileName: 'CUP-002.mp4', sku: 'CUP-002', footage: '/f/CUP-002.mp4' })).duplicate).toBe(false);
      expect((await runner.list()).map((j) => j.state)).toEqual(['queued', 'queued']);
    } finally {
      await runner.close();
    }
  });

  it('takes only the jobs of its own inboxes from a shared state database', async () => {
    const bench = await makeBench();
    const mine = await bench.open();
    const other = LocalJobRunner.open(join(bench.inbox, '..', 'state.db'), { inboxes: ['/elsewhere/inbox'], concurrency: 1 });
    try {
      await mine.submit({ inbox: bench.inbox, spec: '/s.yaml', fileName: 'A.mp4', contentSha256: 'a'.repeat(64), size: 1, mtimeMs: 1, sku: 'A', footage: '/f/A.mp4' });
      other.start(async () => ({ state: 'done', outputs: [] }));
      await other.idle();
      await other.stop();
      expect((await mine.list()).map((j) => j.state)).toEqual(['queued']);
    } finally {
      await other.close();
      await mine.close();
    }
  });
});
