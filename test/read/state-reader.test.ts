// The read model on real state databases and a real render: posts with filters, jobs through the
// job runner, inbox files, artifacts of every output folder, the daemon's heartbeat; every result
// plain JSON, and nothing written.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { LocalJobRunner } from '../../src/queue/local-job-runner.ts';
import { StateReader } from '../../src/read/state-reader.ts';
import { acquireDaemonLock } from '../../src/store/daemon-lock.ts';
import { openStateDb } from '../../src/store/open-state-db.ts';
import { PostStore } from '../../src/schedule/post-store.ts';
import { WaitingFileStore } from '../../src/store/waiting-file-store.ts';
import { InboxFileStore } from '../../src/store/inbox-file-store.ts';
import { processOwner } from '../../src/util/process-owner.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeSpecDir, runCli, type SpecDir } from '../helpers/spec-dir.ts';
import { fileHashes } from '../helpers/file-hashes.ts';

const START = '2026-12-01 20:00'; // Asia/Shanghai: 12:00 UTC
const BEFORE_START = new Date('2026-12-01T11:00:00Z');
const AFTER_START = new Date('2026-12-01T12:30:00Z');
let clip: string;

beforeAll(async () => {
  clip = await makeVideo({ width: 320, height: 180, duration: 3 });
});

/** A project with two posts on two channels, scheduled (rendering the video a post carries). */
async function scheduledProject(): Promise<SpecDir> {
  const dir = await makeSpecDir({
    stream: { title: '好茶专场', start: START, timezone: 'Asia/Shanghai', url: 'https://live.example.com/room/1' },
    products: [{ sku: 'TEA-001', name: '明前龙井', price: 99, footage: 'tea.mp4', clips: [{ in: 0, out: 2 }] }],
    outputs: [{ name: 'tiny', width: 160, height: 160 }],
    intro: false,
    outro: false,
    quality: 'draft',
    posts: [
      { at: '-24h', video: 'TEA-001', text: '明晚开播', channels: ['outbox'] },
      { at: '-3h', text: '{{countdown}}开播', channels: ['outbox', 'archive'] },
    ],
  }, {
    files: { 'tea.mp4': clip },
    config: {
      channels: { outbox: { type: 'folder', dir: 'out/outbox' }, archive: { type: 'folder', dir: 'archive' } },
      watch: [{ inbox: 'inbox', spec: 'spec.yaml' }],
    },
  });
  const scheduled = await runCli(['schedule', 'spec.yaml', '--config', dir.config, '--now', '2026-11-25T00:00:00Z'], { cwd: dir.dir });
  expect(scheduled.code, scheduled.stderr).toBe(0);
  return dir;
}

describe('StateReader', () => {
  it('reads posts, jobs, inboxes, artifacts and the daemon as plain JSON, and writes nothing', async () => {
    const dir = await scheduledProject();
    const config = await loadConfig(dir.config, { cwd: dir.dir });
    const inbox = join(dir.dir, 'inbox');
    // The watcher's and the runner's records, written as they write them.
    const runner = LocalJobRunner.open(config.state, { inboxes: [inbox], concurrency: 1 });
    const queued = await runner.submit({ inbox, spec: dir.spec, fileName: 'TEA-001 take2.mp4', contentSha256: 'c0ffee', size: 10, mtimeMs: 1, sku: 'TEA-001', footage: join(inbox, '.promo', 'work', 'x.mp4') });
    await runner.refuse({ inbox, fileName: 'notes.txt', size: 3, mtimeMs: 1, error: 'notes.txt is not footage' });
    await runner.close();
    const writer = openStateDb(config.state);
    new WaitingFileStore(writer).set({ inbox, fileName: 'TEA-001 big.mp4', size: 2_039_448, reason: "the 'mdat' box needs 4 071 204 bytes, the file has 2 039 448", since: '2026-12-01T10:00:00.000Z', giveUpAt: '2026-12-01T10:30:00.000Z', owner: processOwner() });
    new InboxFileStore(writer).add({ jobId: queued.job.id, inbox, fileName: 'TEA-001 take2.mp4', workPath: join(inbox, '.promo', 'work', 'x.mp4') });
    writer.close();
    // An output folder elsewhere whose manifest points outside itself.
    const elsewhere = join(dir.dir, 'elsewhere');
    mkdirSync(elsewhere);
    const manifest = JSON.parse(readFileSync(join(dir.out, 'manifest.json'), 'utf8')) as { artifacts: { path: string }[] };
    manifest.artifacts = [{ ...manifest.artifacts[0]!, path: '../../../etc/passwd' }];
    writeFileSync(join(elsewhere, 'manifest.json'), JSON.stringify(manifest));

    const before = fileHashes(dir.dir);
    const reader = StateReader.open(config);
    try {
      expect(reader.exists).toBe(true);
      const posts = reader.posts();
      // By due time (posts due together in the order they were stored).
      expect(posts.map((p) => [p.local, p.channel, p.state])).toEqual([
        ['2026-11-30 20:00', 'outbox', 'pending'], ['2026-12-01 17:00', posts[1]!.channel, 'pending'], ['2026-12-01 17:00', posts[2]!.channel, 'pending'],
      ]);
      expect([posts[1]!.channel, posts[2]!.channel].sort()).toEqual(['archive', 'outbox']);
      expect(posts[0]).toMatchObject({ due: '2026-11-30T12:00:00.000Z', occurrence: '2026-12-01T12:00:00.000Z', subject: 'TEA-001', spec: dir.spec });
      expect(reader.posts({ spec: dir.spec, states: ['pending'] })).toHaveLength(3);
      expect(reader.posts({ spec: join(dir.dir, 'other.yaml') })).toEqual([]);
      expect(reader.posts({ states: ['sent', 'failed'] })).toEqual([]);
      expect(reader.posts({ upcoming: true, now: BEFORE_START })).toHaveLength(3);
      expect(reader.posts({ upcoming: true, now: AFTER_START })).toEqual([]);

      const jobs = await reader.jobs();
      expect(jobs.map((j) => [j.fileName, j.state])).toEqual([['notes.txt', 'failed'], ['TEA-001 take2.mp4', 'queued']]);
      expect((await reader.jobs({ states: ['queued'] })).map((j) => j.id)).toEqual([queued.job.id]);

      const [inboxView] = reader.inboxes();
      expect(inboxView).toMatchObject({ inbox, spec: dir.spec });
      expect(inboxView!.waiting).toEqual([expect.objectContaining({ fileName: 'TEA-001 big.mp4', reason: expect.stringMatching(/needs 4 071 204 bytes/), watcherAlive: true })]);
      expect(inboxView!.inWork.map((f) => f.fileName)).toEqual(['TEA-001 take2.mp4']);

      const folders = await reader.artifacts({ folders: [elsewhere] });
      expect(folders.map((f) => [f.folder, f.manifest])).toEqual([[dir.out, 'ok'], [elsewhere, 'ok']]);
      expect(folders[0]!.artifacts.map((a) => [a.sku, a.preset, a.kind, a.exists, a.specFile, a.file]).sort()).toEqual([
        ['TEA-001', 'tiny', 'cover', true, dir.spec, join(dir.out, 'TEA-001', 'tiny.jpg')],
        ['TEA-001', 'tiny', 'video', true, dir.spec, join(dir.out, 'TEA-001', 'tiny.mp4')],
      ]);
      expect(folders[1]!.artifacts).toEqual([]);
      expect(folders[1]!.warnings.join('\n')).toMatch(/lists \.\.\/\.\.\/\.\.\/etc\/passwd, outside .*: left out/);

      expect(reader.daemon(BEFORE_START)).toMatchObject({ state: 'stopped' });
      const status = await reader.status(BEFORE_START);
      expect(status.nextPosts).toHaveLength(3);
      expect(status.jobs.open.map((j) => j.fileName)).toEqual(['TEA-001 take2.mp4']);
      // Failed jobs count for a day: judged by the real clock they just failed.
      expect((await reader.status(new Date())).jobs.failed.map((j) => j.fileName)).toEqual(['notes.txt']);
      expect(status.waiting.map((w) => w.fileName)).toEqual(['TEA-001 big.mp4']);

      for (const value of [posts, jobs, reader.inboxes(), folders, status]) expect(JSON.parse(JSON.stringify(value))).toEqual(value);
    } finally {
      await reader.close();
    }
    expect(fileHashes(dir.dir)).toEqual(before);
  });

  it('lists the posts that need a person until their stream starts', async () => {
    const dir = await scheduledProject();
    const config = await loadConfig(dir.config, { cwd: dir.dir });
    const writer = openStateDb(config.state);
    const store = new PostStore(writer);
    store.settle(2, 'failed', 'outbox: disk full');
    store.settle(3, 'unknown', 'promo stopped while sending to archive');
    writer.close();
    const reader = StateReader.open(config);
    try {
      expect((await reader.status(BEFORE_START)).needsPerson.map((p) => [p.id, p.state, p.detail])).toEqual([
        [2, 'failed', 'outbox: disk full'], [3, 'unknown', 'promo stopped while sending to archive'],
      ]);
      expect((await reader.status(AFTER_START)).needsPerson).toEqual([]);
      expect((await reader.status(BEFORE_START)).pendingCount).toBe(1);
    } finally {
      await reader.close();
    }
  });

  it('tells a running daemon from a stale, a dead and a stopped one', async () => {
    const dir = await scheduledProject();
    const config = await loadConfig(dir.config, { cwd: dir.dir });
    const writer = openStateDb(config.state);
    const taken = acquireDaemonLock(writer);
    if (!taken.ok) throw new Error(`lock held by ${taken.holder}`);
    try {
      const reader = StateReader.open(config);
      try {
        const beat = Date.parse(reader.daemon().lastHeartbeat!);
        expect(reader.daemon(new Date(beat + 5_000))).toMatchObject({ state: 'running', owner: processOwner(), pid: process.pid, heartbeatAgeSeconds: 5 });
        expect(reader.daemon(new Date(beat + 61_000))).toMatchObject({ state: 'stale', heartbeatAgeSeconds: 61, message: expect.stringMatching(/has not beaten since/) });
      } finally {
        await reader.close();
      }
      // A holder that is gone (a pid of another boot) without releasing the lock.
      writer.prepare(`UPDATE daemon_lock SET owner = ? WHERE id = 1`).run(`${processOwner().split(':')[0]}:1:00000000-0000-0000-0000-000000000000:1`);
      const again = StateReader.open(config);
      try {
        expect(again.daemon()).toMatchObject({ state: 'dead', message: expect.stringMatching(/stopped without releasing its lock/) });
      } finally {
        await again.close();
      }
    } finally {
      writer.close();
    }
  });

  it('is empty, not an error, before any state exists, and creates nothing', async () => {
    const dir = await makeSpecDir({ stream: { title: 't', start: START }, products: [] });
    const config = await loadConfig(dir.config, { cwd: dir.dir });
    const reader = StateReader.open(config);
    try {
      expect(reader.exists).toBe(false);
      expect(reader.posts()).toEqual([]);
      expect(await reader.jobs()).toEqual([]);
      expect(await reader.status(BEFORE_START)).toMatchObject({ state: { exists: false }, daemon: { state: 'stopped' }, nextPosts: [], needsPerson: [], jobs: { open: [], failed: [] }, waiting: [] });
      expect((await reader.artifacts()).map((f) => f.manifest)).toEqual(['none']);
    } finally {
      await reader.close();
    }
    // Not even the state folder.
    expect(readdirSync(dir.dir).sort()).toEqual(['config.yaml', 'spec.yaml']);
  });
});
