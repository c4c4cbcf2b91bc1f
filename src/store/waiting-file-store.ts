// Files an inbox is waiting for: seen, settled, but not complete yet (a copy still in progress, a
// truncated MP4), with why, since when and when they will be given up. The watcher writes them
// (it runs in another process than `promo jobs` or a dashboard, which read them here) and clears
// a file's row when it is taken, refused, given up or removed; a starting or stopping watcher
// clears its inboxes' rows. Rows of a watcher that died are told apart by `watcherAlive`.
import { isOwnerAlive } from '../util/process-owner.ts';
import type { StateDb } from './open-state-db.ts';

export interface WaitingFile {
  /** Absolute inbox folder. */
  inbox: string;
  /** The name in the inbox. */
  fileName: string;
  /** Bytes when last checked. */
  size: number;
  /** Why it is not taken yet, e.g. "the 'mdat' box needs 4 071 204 bytes, the file has 2 039 448 (still copying?)". */
  reason: string;
  /** When the watcher first saw it (ISO). */
  since: string;
  /** When it goes to failed/ if still incomplete (ISO). */
  giveUpAt: string;
  /** The watcher process (`host:pid:boot:start`). */
  owner: string;
  /** When the reason was last written (ISO). */
  updatedAt: string;
}

export interface WaitingFileView extends WaitingFile {
  /** Whether the watcher that wrote it still runs (false: the row is left from a watcher that died). */
  watcherAlive: boolean;
}

interface Row {
  inbox: string;
  file_name: string;
  size: number;
  reason: string;
  since: string;
  give_up_at: string;
  owner: string;
  updated_at: string;
}

export class WaitingFileStore {
  constructor(private readonly db: StateDb) {}

  /** Records (or updates) a waiting file. */
  set(file: Omit<WaitingFile, 'updatedAt'>): void {
    this.db.prepare(`INSERT INTO inbox_waiting (inbox, file_name, size, reason, since, give_up_at, owner, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (inbox, file_name) DO UPDATE SET size = excluded.size, reason = excluded.reason, since = excluded.since,
        give_up_at = excluded.give_up_at, owner = excluded.owner, updated_at = excluded.updated_at`)
      .run(file.inbox, file.fileName, file.size, file.reason, file.since, file.giveUpAt, file.owner, new Date().toISOString());
  }

  /** The file is no longer waiting (taken, refused, given up or gone). */
  clear(inbox: string, fileName: string): void {
    this.db.prepare('DELETE FROM inbox_waiting WHERE inbox = ? AND file_name = ?').run(inbox, fileName);
  }

  /** Forgets every waiting file of `inbox` (a watcher starting or stopping on it). */
  clearInbox(inbox: string): void {
    this.db.prepare('DELETE FROM inbox_waiting WHERE inbox = ?').run(inbox);
  }

  /** Every waiting file, longest waiting first. */
  list(): WaitingFileView[] {
    const rows = this.db.prepare('SELECT * FROM inbox_waiting ORDER BY since, inbox, file_name').all() as Row[];
    return rows.map((row) => ({
      inbox: row.inbox,
      fileName: row.file_name,
      size: row.size,
      reason: row.reason,
      since: row.since,
      giveUpAt: row.give_up_at,
      owner: row.owner,
      updatedAt: row.updated_at,
      watcherAlive: isOwnerAlive(row.owner),
    }));
  }
}
