// Who holds a job, a send, the daemon lock, a file lock or a temp file, and whether they still
// run: real processes, the real /proc, a real state database, real files.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDaemonLock } from '../../src/store/daemon-lock.ts';
import { openStateDb, type StateDb } from '../../src/store/open-state-db.ts';
import { isOwnerAlive, processOwner } from '../../src/util/process-owner.ts';
import { removeDeadTemps } from '../../src/util/remove-dead-temps.ts';
import { withFileLock } from '../../src/util/with-file-lock.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { spawnTracked } from '../helpers/spawn-tracked.ts';

const BOOT = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
const startTicks = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19]!;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A live process to hold locks and temps, killed after the test. */
async function sleeper(): Promise<ChildProcess> {
  const child = spawnTracked('sleep', ['30'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('spawn', resolve));
  return child;
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once('exit', resolve));
}

describe('process owner', () => {
  it('names this process by host, pid, boot and start time, and knows it is alive', () => {
    const own = processOwner();
    expect(own).toBe(`${hostname()}:${process.pid}:${BOOT}:${startTicks(process.pid)}`);
    expect(isOwnerAlive(own)).toBe(true);
  });

  it('tells a running holder from a dead one and from an earlier process with the same pid', async () => {
    const child = await sleeper();
    const pid = child.pid!;
    const owner = `${hostname()}:${pid}:${BOOT}:${startTicks(pid)}`;
    expect(isOwnerAlive(owner)).toBe(true);
    // Same pid, another start time: a process that ran before (a restarted container reuses pids).
    expect(isOwnerAlive(`${hostname()}:${pid}:${BOOT}:${Number(startTicks(pid)) - 100}`)).toBe(false);
    // Another boot: nothing of it still runs.
    expect(isOwnerAlive(`${hostname()}:${pid}:00000000-0000-0000-0000-000000000000:${startTicks(pid)}`)).toBe(false);
    // The older host:pid form still works for a live pid.
    expect(isOwnerAlive(`${hostname()}:${pid}`)).toBe(true);
    child.kill('SIGKILL');
    await exited(child);
    expect(isOwnerAlive(owner)).toBe(false);
    expect(isOwnerAlive(`${hostname()}:${pid}`)).toBe(false);
  });

  it('counts our own pid under an older name as an earlier process, and another host of this boot as alive', () => {
    expect(isOwnerAlive(`${hostname()}:${process.pid}`)).toBe(false);
    expect(isOwnerAlive(`${hostname()}:${process.pid}:${BOOT}:1`)).toBe(false);
    expect(isOwnerAlive(`another-container:12345:${BOOT}:777`)).toBe(true);
    expect(isOwnerAlive(undefined)).toBe(false);
    expect(isOwnerAlive('')).toBe(false);
  });
});

describe('daemon lock', () => {
  async function freshDb(): Promise<StateDb> {
    const db = openStateDb(join(makeTempDir('promo-lock-'), 'state.db'));
    cleanups.push(() => { db.close(); });
    return db;
  }

  const hold = (db: StateDb, owner: string, heartbeatAgoMs: number) => {
    const at = new Date(Date.now() - heartbeatAgoMs).toISOString();
    db.prepare('INSERT OR REPLACE INTO daemon_lock (id, owner, started_at, heartbeat_at) VALUES (1, ?, ?, ?)').run(owner, at, at);
  };

  it('refuses while a live holder of this host has it, and takes it over once that holder is gone', async () => {
    const db = await freshDb();
    const child = await sleeper();
    const owner = `${hostname()}:${child.pid}:${BOOT}:${startTicks(child.pid!)}`;
    // Heartbeat long ago: a holder checked by its process is kept whatever its heartbeat says.
    hold(db, owner, 3_600_000);
    const refused = acquireDaemonLock(db);
    expect(refused).toMatchObject({ ok: false, holder: owner });
    child.kill('SIGKILL');
    await exited(child);
    const taken = acquireDaemonLock(db);
    expect(taken.ok).toBe(true);
    if (taken.ok) expect(taken.lock.owner).toBe(processOwner());
  });

  it('keeps a beating holder on another host of this boot, and takes over a silent one', async () => {
    const db = await freshDb();
    const foreign = `another-container:4242:${BOOT}:999`;
    hold(db, foreign, 20_000);
    expect(acquireDaemonLock(db)).toMatchObject({ ok: false, holder: foreign });
    hold(db, foreign, 10 * 60_000);
    const taken = acquireDaemonLock(db);
    expect(taken.ok).toBe(true);
    const row = db.prepare('SELECT owner FROM daemon_lock').get() as { owner: string };
    expect(row.owner).toBe(processOwner());
  });

  it('takes over a lock left by an earlier process that had our pid (restarted container)', async () => {
    const db = await freshDb();
    hold(db, `${hostname()}:${process.pid}`, 1000);
    expect(acquireDaemonLock(db).ok).toBe(true);
  });
});

describe('file lock', () => {
  async function lockFile(content: string): Promise<string> {
    const file = join(makeTempDir('promo-file-lock-'), 'render.lock');
    await writeFile(file, content);
    return file;
  }

  it('names its holder as an owner, not a bare pid', async () => {
    const file = join(makeTempDir('promo-file-lock-'), 'render.lock');
    const seen = await withFileLock(file, () => readFile(file, 'utf8'));
    expect(seen).toBe(processOwner());
  });

  it('waits for a live holder and takes over from one that is gone', async () => {
    const child = await sleeper();
    const owner = `${hostname()}:${child.pid}:${BOOT}:${startTicks(child.pid!)}`;
    const file = await lockFile(owner);
    await expect(withFileLock(file, async () => 'ran', { timeoutMs: 300 })).rejects.toThrow(/held by process/);
    child.kill('SIGKILL');
    await exited(child);
    expect(await withFileLock(file, async () => 'ran')).toBe('ran');
  });

  it('takes over from an earlier process that had a live pid (a reused pid, or ours in a restarted container)', async () => {
    const child = await sleeper();
    // The pid runs, but it is another process than the one that wrote the lock.
    expect(await withFileLock(await lockFile(`${hostname()}:${child.pid}:${BOOT}:1`), async () => 'ran')).toBe('ran');
    // An older promo wrote a bare pid: ours is an earlier process of a restarted container.
    expect(await withFileLock(await lockFile(String(process.pid)), async () => 'ran')).toBe('ran');
  });
});

describe('temp files', () => {
  it('keeps the temps of a live writer and removes those of an earlier process with the same pid', async () => {
    const child = await sleeper();
    const dir = makeTempDir('promo-temps-');
    const live = join(dir, `.promo-tmp-${hostname()}+${child.pid}+${BOOT}+${startTicks(child.pid!)}-0000beef-a.mp4`);
    const reused = join(dir, `.promo-tmp-${hostname()}+${child.pid}+${BOOT}+1-0000beef-b.mp4`);
    const legacyOwn = join(dir, `.promo-tmp-${process.pid}-0000beef-c.mp4`);
    for (const file of [live, reused, legacyOwn]) await writeFile(file, 'x');
    expect((await removeDeadTemps(dir)).sort()).toEqual([reused, legacyOwn].sort());
    expect(await readdir(dir)).toEqual([basename(live)]);
  });
});
