// The embedded job runner on a real SQLite state database, with real files in real inbox folders:
// de-duplication by content and product, and recovery of files a job left in the work folder.
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobFile, JobRunner } from '../../src/queue/job-runner.ts';
import { LocalJobRunner } from '../../src/queue/local-job-runner.ts';
import { JobStore } from '../../src/store/job-store.ts';
import { openStateDb } from '../../src/store/open-state-db.ts';
import { ensureInboxFolders, inboxFolders, type InboxFolders } from '../../src/watch/inbox-folders.ts';
import { recoverInboxes } from '../../src/watch/recover-inboxes.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { namesIn } from '../helpers/watch-dir.ts';

let clip: string;
let clipSha: string;

beforeAll(async () => {
  clip = await makeVideo({ width: 160, height: 90, duration: 1 });
  clipSha = createHash('sha256').update(await readFile(clip)).digest('hex');
});

interface Bench {
  folders: InboxFolders;
  state: string;
  open(): LocalJobRunner;
  /** Copies the clip into the work folder as a taken file would be, for `sku`. */
  take(name: string, sku: string): Promise<JobFile>;
}

async function makeBench(): Promise<Bench> {
  const root = await mkdtemp(join(tmpdir(), 'promo-runner-'));
  const folders = inboxFolders(join(root, 'inbox'));
  await ensureInboxFolders(folders);
  const state = join(root, 'state.db');
  let n = 0;
  return {
    folders,
    state,
    open: () => LocalJobRunner.open(state, { inboxes: [folders.inbox], concurrency: 1 }),
    take: async (name, sku) => {
      const workPath = join(folders.work, `${String(++n).padStart(12, '0')}-${name}`);
      await copyFile(clip, workPath);
      const info = await stat(workPath);
      return { inbox: folders.inbox, spec: join(root, 'spec.yaml'), fileName: name, contentSha256: clipSha, size: info.size, mtimeMs: info.mtimeMs, sku, workPath };
    },
  };
}

function rows(state: string) {
  const db = openStateDb(state);
  try {
    return new JobStore(db).list().reverse();
  } finally {
    db.close();
  }
}

describe('LocalJobRunner.submit', () => {
  it('queues the same content for two products, and records it again for one product as a duplicate', async () => {
    const bench = await makeBench();
    const runner = bench.open();
    try {
      const tea = await runner.submit(await bench.take('TEA-001.mp4', 'TEA-001'));
      const cup = await runner.submit(await bench.take('CUP-002.mp4', 'CUP-002'));
      const again = await runner.submit(await bench.take('tea-001 take2.mp4', 'TEA-001'));
      expect(tea.duplicate).toBe(false);
      expect(cup.duplicate).toBe(false);
      expect(again.duplicate).toBe(true);
      if (!again.duplicate) return;
      expect(again.original.id).toBe(tea.job.id);
      expect(again.job).toMatchObject({ state: 'duplicate', duplicateOf: tea.job.id, sku: 'TEA-001' });
      expect(again.job.error).toMatch(/same content as job #\d+ \(TEA-001\.mp4\) for TEA-001/);
      expect(rows(bench.state).map((r) => [r.fileName, r.state])).toEqual([
        ['TEA-001.mp4', 'queued'], ['CUP-002.mp4', 'queued'], ['tea-001 take2.mp4', 'duplicate'],
      ]);
    } finally {
      await runner.close();
    }
  });

  it('upgrades a state database keyed on content alone to content and product', async () => {
    const bench = await makeBench();
    // A database as schema version 3 left it (the last one keyed on content alone). Migrations
    // appended later run again on top of it here, so they must not depend on running once.
    const db = openStateDb(bench.state);
    db.exec(`DROP INDEX jobs_content;
      CREATE UNIQUE INDEX jobs_content ON jobs(inbox, content_sha256) WHERE state IN ('queued', 'running', 'done');
      PRAGMA user_version = 3;`);
    db.close();
    const runner = bench.open();
    try {
      await runner.submit(await bench.take('TEA-001.mp4', 'TEA-001'));
      expect((await runner.submit(await bench.take('CUP-002.mp4', 'CUP-002'))).duplicate).toBe(false);
      expect(rows(bench.state).map((r) => r.state)).toEqual(['queued', 'queued']);
    } finally {
      await runner.close();
    }
  });
});

describe('recoverInboxes', () => {
  it('moves the file of a job that failed unexpectedly, and could not be moved then, to failed/ at the next start', async () => {
    const bench = await makeBench();
    const runner = bench.open();
    const submitted = await runner.submit(await bench.take('P1.mp4', 'P1'));
    const stranded: string[] = [];
    runner.start(
      async () => {
        throw new Error('the render disk went read-only');
      },
      async (job) => {
        stranded.push(job.id);
        throw new Error('failed/ cannot be written either');
      },
    );
    await runner.idle();
    await runner.stop();
    await runner.close();
    expect(stranded).toEqual([submitted.job.id]);
    expect(await namesIn(bench.folders.work)).toEqual(['000000000001-P1.mp4']);

    const again = bench.open();
    try {
      const log: string[] = [];
      await recoverInboxes(again, [bench.folders.inbox], (line) => log.push(line));
      expect(await namesIn(bench.folders.work)).toEqual([]);
      expect(await namesIn(bench.folders.failed)).toEqual(['P1.mp4', 'P1.mp4.error.txt']);
      expect(await readFile(join(bench.folders.failed, 'P1.mp4'))).toEqual(await readFile(clip));
      const note = await readFile(join(bench.folders.failed, 'P1.mp4.error.txt'), 'utf8');
      expect(note).toMatch(/promo failed unexpectedly: the render disk went read-only/);
      expect(note).toMatch(/drop the file again/);
      expect(log.join('\n')).toMatch(/P1\.mp4: job #1 failed: .* → failed\/P1\.mp4/);
      expect(rows(bench.state).map((r) => [r.state, r.workPath, r.finalPath])).toEqual([['failed', undefined, join(bench.folders.failed, 'P1.mp4')]]);
      // Nothing left to do on the start after that.
      expect((await again.recover()).stranded).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('finishes moving a duplicate to done/ when promo stopped between recording it and moving it', async () => {
    const bench = await makeBench();
    const runner: JobRunner = bench.open();
    await runner.submit(await bench.take('P1.mp4', 'P1'));
    const duplicate = await runner.submit(await bench.take('P1 again.mp4', 'P1'));
    expect(duplicate.duplicate).toBe(true);
    await runner.close(); // "crash": the duplicate's file is still in the work folder

    const again = bench.open();
    try {
      await recoverInboxes(again, [bench.folders.inbox], () => {});
      expect(await namesIn(bench.folders.done)).toEqual(['P1 again.mp4']);
      // The queued job keeps its file, to run when the runner starts.
      expect(await namesIn(bench.folders.work)).toEqual(['000000000001-P1.mp4']);
      expect(await namesIn(bench.folders.inbox)).toEqual(['.promo-work', 'done', 'failed']);
      expect(rows(bench.state).map((r) => [r.fileName, r.state])).toEqual([['P1.mp4', 'queued'], ['P1 again.mp4', 'duplicate']]);
    } finally {
      await again.close();
    }
  });

  it('never writes over a note already in failed/', async () => {
    const bench = await makeBench();
    const { writeFile } = await import('node:fs/promises');
    // A person took P1.mp4 out of failed/ to fix it and left its note.
    await writeFile(join(bench.folders.failed, 'P1.mp4.error.txt'), 'the earlier note');
    const runner = bench.open();
    await runner.submit(await bench.take('P1.mp4', 'P1'));
    runner.start(async () => {
      throw new Error('boom');
    }, async () => {
      throw new Error('not now');
    });
    await runner.idle();
    await runner.stop();
    await runner.close();
    const again = bench.open();
    try {
      await recoverInboxes(again, [bench.folders.inbox], () => {});
      expect(await namesIn(bench.folders.failed)).toEqual(['P1 (2).mp4', 'P1 (2).mp4.error.txt', 'P1.mp4.error.txt']);
      expect(await readFile(join(bench.folders.failed, 'P1.mp4.error.txt'), 'utf8')).toBe('the earlier note');
    } finally {
      await again.close();
    }
  });
});
