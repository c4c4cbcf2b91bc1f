// Whether a daemon is publishing from the state database, from its lock row: the holder, when it
// started and when it last beat. A daemon beats at every tick and every DAEMON_BEAT_MS besides
// (a tick busy uploading still beats), so a heartbeat older than two beats means trouble.
import { DAEMON_BEAT_MS } from '../store/daemon-lock.ts';
import type { StateDb } from '../store/open-state-db.ts';
import { readDaemonLock } from '../store/read-daemon-lock.ts';
import { parseOwner } from '../util/parse-owner.ts';
import { isOwnerAlive } from '../util/process-owner.ts';

/** A heartbeat older than this and the daemon counts as stale. */
export const DAEMON_STALE_MS = 2 * DAEMON_BEAT_MS;

export interface DaemonStatus {
  /**
   * running: it holds the lock and beats. stale: it holds the lock but has not beaten for
   * `staleAfterSeconds` (stuck, or gone on another machine). dead: its process is gone without
   * releasing the lock (killed or crashed). stopped: no daemon holds the lock.
   */
  state: 'running' | 'stale' | 'dead' | 'stopped';
  /** The lock holder, `host:pid:boot:start`. */
  owner?: string;
  host?: string;
  pid?: number;
  /** ISO times. */
  startedAt?: string;
  lastHeartbeat?: string;
  /** Seconds from the last heartbeat to `now` (negative when the holder's clock runs ahead). */
  heartbeatAgeSeconds?: number;
  staleAfterSeconds: number;
  /** One line for a person: what it means and what to do. */
  message: string;
}

/** The daemon's status as of `now`, from the lock in `db` (undefined: no state database yet). */
export function readDaemonStatus(db: StateDb | undefined, now: Date): DaemonStatus {
  const staleAfterSeconds = DAEMON_STALE_MS / 1000;
  const lock = db && readDaemonLock(db);
  if (!lock) return { state: 'stopped', staleAfterSeconds, message: 'no daemon is running: due posts are not sent until `promo daemon` runs' };
  const { host, pid } = parseOwner(lock.owner);
  const ageMs = now.getTime() - Date.parse(lock.heartbeatAt);
  const base = {
    owner: lock.owner, host, pid, startedAt: lock.startedAt, lastHeartbeat: lock.heartbeatAt,
    heartbeatAgeSeconds: Math.round(ageMs / 100) / 10, staleAfterSeconds,
  };
  const who = `the daemon (pid ${pid} on ${host})`;
  if (!isOwnerAlive(lock.owner)) {
    return { ...base, state: 'dead', message: `${who} stopped without releasing its lock (killed or crashed) after ${lock.heartbeatAt}: start \`promo daemon\` again; it takes the lock over` };
  }
  if (ageMs > DAEMON_STALE_MS) {
    return { ...base, state: 'stale', message: `${who} has not beaten since ${lock.heartbeatAt}: it is stuck, or gone on another machine; check its log, restart it` };
  }
  return { ...base, state: 'running', message: `${who} is publishing, since ${lock.startedAt}` };
}
