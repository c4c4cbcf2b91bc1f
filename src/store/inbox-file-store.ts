// The watcher's record of each file it took into an inbox's work folder, kept apart from the job
// runner (which may be on another machine and never sees the inbox): where the file is, where it
// is about to be moved (written before the move, so a crash mid-move is finished at the next
// start) and when it left the work folder. One row per job.
import type { StateDb } from './open-state-db.ts';

export interface InboxFile {
  /** The job runner's id of the file's job. */
  jobId: string;
  inbox: string;
  fileName: string;
  /** Where the file is while its job is open. */
  workPath: string;
  /** Where it goes (done/, failed/ or back into the inbox), recorded before it is moved there. */
  finalPath?: string;
  /** When it left the work folder (ISO); undefined while it is still there. */
  movedAt?: string;
}

interface Row {
  job_id: string;
  inbox: string;
  file_name: string;
  work_path: string;
  final_path: string | null;
  moved_at: string | null;
}

export class InboxFileStore {
  constructor(private readonly db: StateDb) {}

  /** Records a file just handed to the runner as job `jobId` (a no-op when already recorded). */
  add(file: Pick<InboxFile, 'jobId' | 'inbox' | 'fileName' | 'workPath'>): void {
    this.db.prepare('INSERT OR IGNORE INTO inbox_files (job_id, inbox, file_name, work_path) VALUES (?, ?, ?, ?)')
      .run(file.jobId, file.inbox, file.fileName, file.workPath);
  }

  get(jobId: string): InboxFile | undefined {
    const row = this.db.prepare('SELECT * FROM inbox_files WHERE job_id = ?').get(jobId) as Row | undefined;
    return row && toFile(row);
  }

  /** Files of these inboxes still in a work folder, oldest first. */
  inWork(inboxes: readonly string[]): InboxFile[] {
    if (inboxes.length === 0) return [];
    const rows = this.db.prepare(`SELECT * FROM inbox_files WHERE moved_at IS NULL AND inbox IN (${inboxes.map(() => '?').join(', ')}) ORDER BY rowid`)
      .all(...inboxes) as Row[];
    return rows.map(toFile);
  }

  /** Records where the file is about to be moved (before the move). */
  setFinalPath(jobId: string, finalPath: string): void {
    this.db.prepare('UPDATE inbox_files SET final_path = ? WHERE job_id = ?').run(finalPath, jobId);
  }

  /** Records that the file has left the work folder (after the move). */
  setMoved(jobId: string): void {
    this.db.prepare('UPDATE inbox_files SET moved_at = ? WHERE job_id = ?').run(new Date().toISOString(), jobId);
  }
}

function toFile(row: Row): InboxFile {
  return {
    jobId: row.job_id,
    inbox: row.inbox,
    fileName: row.file_name,
    workPath: row.work_path,
    finalPath: row.final_path ?? undefined,
    movedAt: row.moved_at ?? undefined,
  };
}
