// The watcher's side of a restart, on a real state database with real files in real inbox
// folders: files of ended jobs left in the work folder are moved out, whatever the runner.
import { createHash } from 'node:crypto';
import { copyFile, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobInput, JobRunner } from '../../src/queue/job-runner.ts';
import { LocalJobRunner } from '../../src/queue/local-job-runner.ts';
import { InboxFileStore } from '../../src/store/inbox-file-store.ts';
import { openStateDb } from '../../src/store/open-state-db.ts';
import { makeStateDbAt } from '../helpers/make-state-db-at.ts';
import { ensureInboxFolders, inboxFolders, type InboxFolders } from '../../src/watch/inbox-folders.ts';
import { recoverInboxes } from '../../src/watch/recover-inboxes.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { namesIn } from '../helpers/watch-dir.ts';

let clip: string;
let clipSha: string;

beforeAll(async () => {
  clip = await makeVideo({ width: 160, height: 90, duration: 1 });
  clipSha = createHash('sha256').update(await readFile(clip)).digest('hex');
});

interface Bench {
  folders: InboxFolders;
  open(): { runner: LocalJobRunner; files: InboxFileStore; close(): Promise<void> };
  /** Copies the clip into the work folder as a taken file would be, for `sku`. */
  take(name: string, sku: string): Promise<JobInput>;
}

async function makeBench(): Promise<Bench> {
  const root = makeTempDir('promo-recover-');
  const folders = inboxFolders(join(root, 'inbox'));
  await ensureInboxFolders(folders);
  const state = join(root, 'state.db');
  let n = 0;
  return {
    folders,
    open: () => {
      const runner = LocalJobRunner.open(state, { inboxes: [folders.inbox], concurrency: 1 });
      const db = openStateDb(state);
      return { runner, files: new InboxFileStore(db), close: async () => { await runner.close(); db.close(); } };
    },
    take: async (name, sku) => {
      const workPath = join(folders.work, `${String(++n).padStart(12, '0')}-${name}`);
      await copyFile(clip, workPath);
      const info = await stat(workPath);
      return { inbox: folders.inbox, spec: join(root, 'spec.yaml'), fileName: name, contentSha256: clipSha, size: info.size, mtimeMs: info.mtimeMs, sku, footage: workPath };
    },
  };
}

/** Submits as the watcher does: the runner gets the job, the watcher records the file. */
async function submit(runner: JobRunner, files: InboxFileStore, input: JobInput) {
  const submitted = await runner.submit(input);
  files.add({ jobId: submitted.job.id, inbox: input.inbox, fileName: input.fileName, workPath: input.footage });
  return submitted;
}

/** A runner that runs its queue with `handler` and never moves a file (the watcher died first). */
async function runAll(runner: JobRunner, handler: () => Promise<never>): Promise<void> {
  runner.start(handler);
  await runner.idle();
  await runner.stop();
}

describe('recoverInboxes', () => {
  it('moves the file of a job that failed unexpectedly, and was not moved then, to failed/ with its note', async () => {
    const bench = await makeBench();
    const first = bench.open();
    const submitted = await submit(first.runner, first.files, await bench.take('P1.mp4', 'P1'));
    await runAll(first.runner, async () => {
      throw new Error('the render disk went read-only');
    });
    await first.close();
    expect(await namesIn(bench.folders.work)).toEqual(['000000000001-P1.mp4']);

    const again = bench.open();
    try {
      const log: string[] = [];
      await recoverInboxes(again.runner, again.files, [bench.folders.inbox], (line) => log.push(line));
      expect(await namesIn(bench.folders.work)).toEqual([]);
      expect(await namesIn(bench.folders.failed)).toEqual(['P1.mp4', 'P1.mp4.error.txt']);
      expect(await readFile(join(bench.folders.failed, 'P1.mp4'))).toEqual(await readFile(clip));
      const note = await readFile(join(bench.folders.failed, 'P1.mp4.error.txt'), 'utf8');
      expect(note).toMatch(/promo failed unexpectedly: the render disk went read-only/);
      expect(note).toMatch(/drop the file again/);
      expect(log.join('\n')).toMatch(/P1\.mp4: job #1 failed: .* → failed\/P1\.mp4/);
      expect(again.files.get(submitted.job.id)).toMatchObject({ finalPath: join(bench.folders.failed, 'P1.mp4'), movedAt: expect.any(String) });
      expect(again.files.inWork([bench.folders.inbox])).toEqual([]); // nothing left for the next start
    } finally {
      await again.close();
    }
  });

  it('finishes moving a duplicate to done/, keeps the queued job its file, and puts an unknown file back', async () => {
    const bench = await makeBench();
    const first = bench.open();
    await submit(first.runner, first.files, await bench.take('P1.mp4', 'P1'));
    expect((await submit(first.runner, first.files, await bench.take('P1 again.mp4', 'P1'))).duplicate).toBe(true);
    // Queued, but promo stopped before recording its file: the job's footage keeps it in place.
    await first.runner.submit({ ...(await bench.take('P2.mp4', 'P2')), contentSha256: 'f'.repeat(64) });
    // Taken, but promo stopped before the runner had it.
    await copyFile(clip, join(bench.folders.work, '0123456789ab-P3.mp4'));
    await first.close();

    const again = bench.open();
    try {
      await recoverInboxes(again.runner, again.files, [bench.folders.inbox], () => {});
      expect(await namesIn(bench.folders.done)).toEqual(['P1 again.mp4']);
      expect(await namesIn(bench.folders.work)).toEqual(['000000000001-P1.mp4', '000000000003-P2.mp4']);
      expect(await namesIn(bench.folders.inbox)).toEqual(['.promo-work', 'P3.mp4', 'done', 'failed']);
      expect((await again.runner.list()).reverse().map((j) => [j.fileName, j.state])).toEqual([['P1.mp4', 'queued'], ['P1 again.mp4', 'duplicate'], ['P2.mp4', 'queued']]);
    } finally {
      await again.close();
    }
  });

  it('puts the file of an ended job back in the inbox when it changed after it was taken', async () => {
    const bench = await makeBench();
    const first = bench.open();
    const taken = await bench.take('P1.mp4', 'P1');
    await submit(first.runner, first.files, taken);
    await writeFile(taken.footage, 'the copy went on after a long pause', { flag: 'a' });
    await utimes(taken.footage, new Date(), new Date());
    await runAll(first.runner, async () => {
      throw new Error('footage changed');
    });
    await first.close();
    const again = bench.open();
    try {
      await recoverInboxes(again.runner, again.files, [bench.folders.inbox], () => {});
      expect(await namesIn(bench.folders.inbox)).toEqual(['.promo-work', 'P1.mp4', 'done', 'failed']);
      expect(await namesIn(bench.folders.failed)).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('after an upgrade, finishes the move of a file an older promo left in the work folder, to the place it recorded', async () => {
    const bench = await makeBench();
    const taken = await bench.take('P1.mp4', 'P1');
    const recorded = join(bench.folders.failed, 'P1 (7).mp4');
    // The state as schema 5 left it: the job's bookkeeping in its own row, no inbox_files yet.
    const db = makeStateDbAt(join(bench.folders.inbox, '..', 'state.db'), 5);
    db.prepare(`INSERT INTO jobs (inbox, spec, file_name, content_sha256, size, mtime_ms, sku, state, work_path, final_path, attempts, created_at, finished_at, error)
      VALUES (?, ?, 'P1.mp4', ?, ?, ?, 'P1', 'failed', ?, ?, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z', 'promo failed unexpectedly: disk full')`)
      .run(taken.inbox, taken.spec, taken.contentSha256, taken.size, taken.mtimeMs, taken.footage, recorded);
    db.close();

    const again = bench.open();
    try {
      await recoverInboxes(again.runner, again.files, [bench.folders.inbox], () => {});
      expect(await namesIn(bench.folders.work)).toEqual([]);
      expect(await namesIn(bench.folders.failed)).toEqual(['P1 (7).mp4', 'P1 (7).mp4.error.txt']);
      expect(await readFile(`${recorded}.error.txt`, 'utf8')).toMatch(/disk full/);
    } finally {
      await again.close();
    }
  });

  it('never writes over a note already in failed/', async () => {
    const bench = await makeBench();
    // A person took P1.mp4 out of failed/ to fix it and left its note.
    await writeFile(join(bench.folders.failed, 'P1.mp4.error.txt'), 'the earlier note');
    const first = bench.open();
    await submit(first.runner, first.files, await bench.take('P1.mp4', 'P1'));
    await runAll(first.runner, async () => {
      throw new Error('boom');
    });
    await first.close();
    const again = bench.open();
    try {
      await recoverInboxes(again.runner, again.files, [bench.folders.inbox], () => {});
      expect(await namesIn(bench.folders.failed)).toEqual(['P1 (2).mp4', 'P1 (2).mp4.error.txt', 'P1.mp4.error.txt']);
      expect(await readFile(join(bench.folders.failed, 'P1.mp4.error.txt'), 'utf8')).toBe('the earlier note');
    } finally {
      await again.close();
    }
  });
});
