// Only one daemon may publish from a state database: a second would send every post twice. The
// lock is a row naming its owner; a lock whose owner process is gone is taken over, and so is one
// whose owner cannot be checked from here (another container) and has not beaten for a while.
import { hostname } from 'node:os';
import { parseOwner } from '../util/parse-owner.ts';
import { isOwnerAlive, processOwner } from '../util/process-owner.ts';
import type { StateDb } from './open-state-db.ts';

/** How often a holder refreshes its heartbeat, and how old one may get before the lock is free. */
export const DAEMON_BEAT_MS = 30_000;
const STALE_MS = 6 * DAEMON_BEAT_MS;

export interface DaemonLock {
  owner: string;
  /** Refreshes the heartbeat (every DAEMON_BEAT_MS while the daemon runs). */
  beat(): void;
  release(): void;
}

/** Takes the lock, or returns who holds it. */
export function acquireDaemonLock(db: StateDb): { ok: true; lock: DaemonLock } | { ok: false; holder: string; since: string } {
  const owner = processOwner();
  const now = () => new Date().toISOString();
  const result = db.transaction(() => {
    const row = db.prepare('SELECT owner, started_at, heartbeat_at FROM daemon_lock WHERE id = 1').get() as
      { owner: string; started_at: string; heartbeat_at: string } | undefined;
    if (row && row.owner !== owner && isHeld(row)) return { ok: false as const, holder: row.owner, since: row.started_at };
    db.prepare(`INSERT INTO daemon_lock (id, owner, started_at, heartbeat_at) VALUES (1, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET owner = excluded.owner, started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at`).run(owner, now(), now());
    return { ok: true as const };
  }).immediate();
  if (!result.ok) return result;
  const beat = db.prepare('UPDATE daemon_lock SET heartbeat_at = ? WHERE id = 1 AND owner = ?');
  return {
    ok: true,
    lock: {
      owner,
      beat: () => void beat.run(now(), owner),
      release: () => void db.prepare('DELETE FROM daemon_lock WHERE id = 1 AND owner = ?').run(owner),
    },
  };
}

function isHeld(row: { owner: string; heartbeat_at: string }): boolean {
  if (!isOwnerAlive(row.owner)) return false;
  // A holder on this host was checked exactly; one elsewhere only shows life by beating.
  if (parseOwner(row.owner).host === hostname()) return true;
  return Date.now() - Date.parse(row.heartbeat_at) < STALE_MS;
}
