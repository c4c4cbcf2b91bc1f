// The daemon lock row as it is, for readers (`promo status`, the dashboard): who holds it, since
// when, and when it last beat. Taking and refreshing the lock is acquireDaemonLock's.
import type { StateDb } from './open-state-db.ts';

export interface DaemonLockRow {
  /** The holder, `host:pid:boot:start`. */
  owner: string;
  /** ISO times. */
  startedAt: string;
  heartbeatAt: string;
}

/** The current daemon lock; undefined when no daemon holds it (none ran, or the last one stopped). */
export function readDaemonLock(db: StateDb): DaemonLockRow | undefined {
  const row = db.prepare('SELECT owner, started_at, heartbeat_at FROM daemon_lock WHERE id = 1').get() as
    { owner: string; started_at: string; heartbeat_at: string } | undefined;
  return row && { owner: row.owner, startedAt: row.started_at, heartbeatAt: row.heartbeat_at };
}
