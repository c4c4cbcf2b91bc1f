// `promo status` and `promo posts` read the state without writing it: a real daemon's heartbeat,
// a read-only database as another user, schemas from another promo, on real processes and files.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { STATE_SCHEMA_VERSION } from '../../src/store/open-state-db.ts';
import { makeSpecDir, PROMO_BIN, type SpecDir } from '../helpers/spec-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { fileHashes } from '../helpers/file-hashes.ts';

// A stream days ahead of the real clock, so a running daemon has nothing due.
const START = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 3 * 86_400_000);

async function project(): Promise<SpecDir & { promo(args: string[], options?: { uid?: number }): Promise<{ code: number | null; stdout: string; stderr: string }> }> {
  const dir = await makeSpecDir({
    stream: { title: '好茶专场', start: START.toISOString(), timezone: 'Asia/Shanghai', url: 'https://live.example.com/room/1' },
    products: [{ sku: 'TEA-001', footage: 'tea.mp4', clips: [{ in: 0, out: 2 }] }],
    posts: [{ at: '-3h', text: '{{countdown}}开播', channels: ['outbox'] }, { at: '-1h', text: '马上开播', channels: ['outbox'] }],
  }, { config: { channels: { outbox: { type: 'folder', dir: 'out/outbox' } } } });
  const promo = (args: string[], options: { uid?: number } = {}) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [PROMO_BIN, ...args, '--config', dir.config], { cwd: dir.dir, stdio: ['ignore', 'pipe', 'pipe'], uid: options.uid, gid: options.uid });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { ...dir, promo };
}

interface StatusJson {
  state: { exists: boolean };
  daemon: { state: string; pid?: number; lastHeartbeat?: string; heartbeatAgeSeconds?: number };
  nextPosts: { id: number; text: string }[];
  pendingCount: number;
}

function startDaemon(dir: SpecDir): { child: ChildProcess; log(): string; closed: Promise<unknown> } {
  const child = spawn(process.execPath, [PROMO_BIN, 'daemon', '--config', dir.config], { cwd: dir.dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
  return { child, log: () => log, closed: new Promise((resolve) => child.on('close', resolve)) };
}

// Root may write a chmod 444 file; a reader without write access is another user then.
const READER_UID = process.getuid?.() === 0 ? 65534 : undefined;

describe('promo status', () => {
  it("shows a real daemon's heartbeat: running while it beats, dead after kill -9, stopped after a clean stop", async () => {
    const dir = await project();
    expect((await dir.promo(['schedule', 'spec.yaml'])).code).toBe(0);
    const status = async () => JSON.parse((await dir.promo(['status', '--json'])).stdout) as StatusJson;
    const first = startDaemon(dir);
    try {
      let seen: StatusJson | undefined;
      await waitFor(async () => (seen = await status()).daemon.state === 'running', () => `promo status to see the daemon running; it saw ${JSON.stringify(seen?.daemon)}; the daemon's log:\n${first.log()}`);
      expect(seen!.daemon.pid).toBe(first.child.pid);
      expect(seen!.pendingCount).toBe(2);
      // It beats at every tick.
      const beat = seen!.daemon.lastHeartbeat!;
      await waitFor(async () => (seen = await status()).daemon.lastHeartbeat! > beat, () => `a heartbeat after ${beat}; promo status saw ${JSON.stringify(seen?.daemon)}`);
      expect(seen!.daemon.state).toBe('running');
      const text = await dir.promo(['status']);
      expect(text.stdout).toMatch(new RegExp(`^daemon: running; last heartbeat [\\d.]+ s ago \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\)\\n  the daemon \\(pid ${first.child.pid} on \\S+\\) is publishing`));
      expect(text.stdout).toMatch(/next posts \(2 of 2 not sent yet\):\n.*id +local time +channel +state +text\n.*outbox +pending +3小时后开播/);
      first.child.kill('SIGKILL');
      await first.closed;
    } finally {
      first.child.kill('SIGKILL');
    }
    expect((await status()).daemon.state).toBe('dead');
    expect((await dir.promo(['status'])).stdout).toMatch(/daemon: dead; .*\n  the daemon \(pid \d+ on \S+\) stopped without releasing its lock \(killed or crashed\)/);

    const second = startDaemon(dir);
    try {
      await waitFor(async () => (await status()).daemon.pid === second.child.pid, () => `the second daemon to take the lock over; its log:\n${second.log()}`);
      second.child.kill('SIGTERM');
      await second.closed;
    } finally {
      second.child.kill('SIGKILL');
    }
    expect((await status()).daemon).toMatchObject({ state: 'stopped' });
  });

  it('reads a read-only database in a read-only folder as a user who cannot write it, alone and beside a running daemon', async () => {
    const dir = await project();
    expect((await dir.promo(['schedule', 'spec.yaml'])).code).toBe(0);
    const state = join(dir.dir, '.promo');
    chmodSync(join(state, 'state.db'), 0o444);
    chmodSync(state, 0o555);
    chmodSync(dir.dir, 0o755);
    const before = fileHashes(state);
    const asReader = (args: string[]) => dir.promo(args, { uid: READER_UID });
    const posts = await asReader(['posts', '--json']);
    expect(posts.code, posts.stderr).toBe(0);
    expect((JSON.parse(posts.stdout) as { text: string }[]).map((p) => p.text)).toEqual(['3小时后开播', '马上开播']);
    const status = await asReader(['status', '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect((JSON.parse(status.stdout) as StatusJson).pendingCount).toBe(2);
    const jobs = await asReader(['jobs', '--json']);
    expect(jobs.code, jobs.stderr).toBe(0);
    expect(JSON.parse(jobs.stdout)).toEqual({ waiting: [], jobs: [] });
    expect(fileHashes(state)).toEqual(before);

    // Beside a daemon, which may write (the reader still may not): the reader shares its WAL.
    chmodSync(state, 0o755);
    chmodSync(join(state, 'state.db'), 0o644);
    const daemon = startDaemon(dir);
    try {
      await waitFor(() => daemon.log().includes('daemon: publishing'), () => `the daemon to start; its log:\n${daemon.log()}`);
      const live = await asReader(['status', '--json']);
      expect(live.code, live.stderr).toBe(0);
      expect((JSON.parse(live.stdout) as StatusJson).daemon).toMatchObject({ state: 'running', pid: daemon.child.pid });
      daemon.child.kill('SIGTERM');
      await daemon.closed;
    } finally {
      daemon.child.kill('SIGKILL');
    }
  });

  it('never upgrades an older schema and refuses a newer one, leaving the file as it is', async () => {
    const dir = await project();
    expect((await dir.promo(['schedule', 'spec.yaml'])).code).toBe(0);
    const state = join(dir.dir, '.promo', 'state.db');
    for (const version of [STATE_SCHEMA_VERSION - 1, STATE_SCHEMA_VERSION + 1]) {
      // Opened raw: openStateDb would run the migrations above `version` again (a second ALTER TABLE fails).
      const db = new Database(state);
      db.pragma(`user_version = ${version}`);
      db.close();
      const before = fileHashes(join(dir.dir, '.promo'));
      for (const command of [['posts'], ['status']]) {
        const result = await dir.promo(command);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(version > STATE_SCHEMA_VERSION
          ? /error: the state database .*state\.db was written by a newer promo \(schema \d+; this promo reads schema \d+\); upgrade promo/
          : /error: the state database .*state\.db was written by an older promo .*reading never upgrades it; run a command that writes state/);
      }
      expect(fileHashes(join(dir.dir, '.promo'))).toEqual(before);
    }
  });
});

describe('promo posts', () => {
  it('filters by spec, state and streams not started, and says so when nothing is scheduled', async () => {
    const dir = await project();
    expect((await dir.promo(['posts'])).stdout).toBe('no posts scheduled yet (`promo schedule <spec>`)\n');
    expect((await dir.promo(['schedule', 'spec.yaml'])).code).toBe(0);
    expect((await dir.promo(['posts', 'cancel', '2'])).code).toBe(0);
    const ids = async (...args: string[]) => (JSON.parse((await dir.promo(['posts', '--json', ...args])).stdout) as { id: number }[]).map((p) => p.id);
    expect(await ids()).toEqual([1, 2]);
    expect(await ids('--state', 'cancelled')).toEqual([2]);
    expect(await ids('--state', 'pending,sent')).toEqual([1]);
    expect(await ids('--spec', 'spec.yaml')).toEqual([1, 2]);
    expect(await ids('--spec', 'other.yaml')).toEqual([]);
    expect(await ids('--upcoming')).toEqual([1, 2]);
    expect(await ids('--upcoming', '--now', new Date(START.getTime() + 60_000).toISOString())).toEqual([]);
    // Posts do not need the job runner: a queue promo cannot reach does not stop them.
    await writeFile(dir.config, `${await readFile(dir.config, 'utf8')}queue:\n  backend: bullmq\n  redis: redis://127.0.0.1:9/0\n`);
    expect(await ids('--state', 'cancelled')).toEqual([2]);
    // Status lists jobs too: with Redis unreachable it fails as every queue command does (exit 3).
    const status = await dir.promo(['status']);
    expect(status.code).toBe(3);
    expect(status.stderr).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:9\/0/);
    const bad = await dir.promo(['posts', '--state', 'done']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--state done: expected pending, sending, sent, failed, missed, unknown, cancelled/);
  });
});
