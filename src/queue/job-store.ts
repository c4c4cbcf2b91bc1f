// The jobs table: one row per file taken from an inbox. The row's state is the truth about the
// job; every change is one committed statement, so a crash leaves each job in a known state.
import type { StateDb } from '../store/open-state-db.ts';
import type { JobProgress, JobState } from './job-runner.ts';
import { isOwnerAlive } from '../util/process-owner.ts';

export interface JobRecord {
  id: number;
  /** Absolute inbox folder. */
  inbox: string;
  /** Absolute spec path. */
  spec: string;
  /** The name the file was dropped under. */
  fileName: string;
  contentSha256?: string;
  size: number;
  mtimeMs: number;
  /** The product it matched (undefined when it matched none). */
  sku?: string;
  state: JobState;
  /** The file the job renders (column work_path; undefined for a refused file). */
  footage?: string;
  attempts: number;
  owner?: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  outputs: string[];
  error?: string;
  duplicateOf?: number;
  /** While running, once its worker reported. */
  progress?: JobProgress;
}

export interface NewJob extends Pick<JobRecord,
  'inbox' | 'spec' | 'fileName' | 'contentSha256' | 'size' | 'mtimeMs' | 'sku' | 'footage' | 'error' | 'duplicateOf'> {
  state: 'queued' | 'failed' | 'duplicate';
}

interface Row {
  id: number;
  inbox: string;
  spec: string;
  file_name: string;
  content_sha256: string | null;
  size: number;
  mtime_ms: number;
  sku: string | null;
  state: JobState;
  work_path: string | null;
  attempts: number;
  owner: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  outputs: string | null;
  error: string | null;
  duplicate_of: number | null;
  progress: number | null;
  progress_what: string | null;
}

export class JobStore {
  constructor(private readonly db: StateDb) {}

  /** An open or finished (not failed) job for the same content and product in the same inbox. */
  findByContent(inbox: string, sku: string, sha256: string): JobRecord | undefined {
    const row = this.db.prepare(`SELECT * FROM jobs WHERE inbox = ? AND sku = ? AND content_sha256 = ? AND state IN ('queued', 'running', 'done') ORDER BY id LIMIT 1`)
      .get(inbox, sku, sha256) as Row | undefined;
    return row && toRecord(row);
  }

  get(id: number): JobRecord | undefined {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Row | undefined;
    return row && toRecord(row);
  }

  /** Inserts a job; returns it with its id. */
  insert(job: NewJob): JobRecord {
    const now = new Date().toISOString();
    const finished = job.state === 'queued' ? null : now;
    const result = this.db.prepare(`INSERT INTO jobs
      (inbox, spec, file_name, content_sha256, size, mtime_ms, sku, state, work_path, created_at, finished_at, error, duplicate_of)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      job.inbox, job.spec, job.fileName, job.contentSha256 ?? null, job.size, job.mtimeMs, job.sku ?? null, job.state,
      job.footage ?? null, now, finished, job.error ?? null, job.duplicateOf ?? null,
    );
    return this.get(Number(result.lastInsertRowid))!;
  }

  /**
   * Queues a job, or, when a job for the same content and product is open or done, records it as
   * that job's duplicate (ended, never run) — in one transaction, so two copies
   * taken at once never both run.
   */
  insertUnlessDuplicate(job: NewJob & { contentSha256: string; sku: string }, duplicateError: (original: JobRecord) => string): { record: JobRecord; original?: JobRecord } {
    return this.db.transaction(() => {
      const original = this.findByContent(job.inbox, job.sku, job.contentSha256);
      if (!original) return { record: this.insert({ ...job, state: 'queued' }) };
      return { record: this.insert({ ...job, state: 'duplicate', duplicateOf: original.id, error: duplicateError(original) }), original };
    }).immediate();
  }

  /** Atomically takes the oldest queued job of these inboxes for `owner`; undefined when none. */
  claimNext(owner: string, inboxes: readonly string[]): JobRecord | undefined {
    if (inboxes.length === 0) return undefined;
    const marks = inboxes.map(() => '?').join(', ');
    return this.db.transaction(() => {
      const row = this.db.prepare(`SELECT id FROM jobs WHERE state = 'queued' AND inbox IN (${marks}) ORDER BY id LIMIT 1`).get(...inboxes) as { id: number } | undefined;
      if (!row) return undefined;
      const changed = this.db.prepare(`UPDATE jobs SET state = 'running', owner = ?, attempts = attempts + 1, started_at = ? WHERE id = ? AND state = 'queued'`)
        .run(owner, new Date().toISOString(), row.id).changes;
      return changed === 1 ? this.get(row.id) : undefined;
    }).immediate();
  }

  /** Puts a running job back in the queue (interrupted, or its file changed); the attempt does not count. */
  release(id: number, owner: string): void {
    this.db.prepare(`UPDATE jobs SET state = 'queued', owner = NULL, attempts = MAX(0, attempts - 1), progress = NULL, progress_what = NULL WHERE id = ? AND state = 'running' AND owner = ?`).run(id, owner);
  }

  /** Records a running job's progress (only while `owner` runs it). */
  setProgress(id: number, owner: string, progress: JobProgress): void {
    this.db.prepare(`UPDATE jobs SET progress = ?, progress_what = ? WHERE id = ? AND state = 'running' AND owner = ?`).run(progress.fraction, progress.what, id, owner);
  }

  /** Ends a job. */
  finish(id: number, state: 'done' | 'failed', fields: { outputs?: string[]; error?: string } = {}): void {
    this.db.prepare(`UPDATE jobs SET state = ?, owner = NULL, finished_at = ?, outputs = ?, error = ?, progress = NULL, progress_what = NULL WHERE id = ?`)
      .run(state, new Date().toISOString(), JSON.stringify(fields.outputs ?? []), fields.error ?? null, id);
  }

  /** Running jobs whose process is gone go back to the queue; returns them. */
  recoverAbandoned(): JobRecord[] {
    const running = (this.db.prepare(`SELECT * FROM jobs WHERE state = 'running'`).all() as Row[]).map(toRecord);
    const abandoned = running.filter((job) => !isOwnerAlive(job.owner));
    const put = this.db.prepare(`UPDATE jobs SET state = 'queued', owner = NULL, progress = NULL, progress_what = NULL WHERE id = ? AND state = 'running' AND owner IS ?`);
    for (const job of abandoned) put.run(job.id, job.owner ?? null);
    return abandoned;
  }

  /** Jobs not yet ended (queued or running). */
  openJobs(): JobRecord[] {
    return (this.db.prepare(`SELECT * FROM jobs WHERE state IN ('queued', 'running') ORDER BY id`).all() as Row[]).map(toRecord);
  }

  /** The newest jobs first, of `states` when given. */
  list(options: { states?: readonly JobState[]; limit?: number } = {}): JobRecord[] {
    const states = options.states ?? [];
    const where = states.length > 0 ? `WHERE state IN (${states.map(() => '?').join(', ')})` : '';
    return (this.db.prepare(`SELECT * FROM jobs ${where} ORDER BY id DESC LIMIT ?`).all(...states, options.limit ?? 200) as Row[]).map(toRecord);
  }
}

function toRecord(row: Row): JobRecord {
  return {
    id: row.id,
    inbox: row.inbox,
    spec: row.spec,
    fileName: row.file_name,
    contentSha256: row.content_sha256 ?? undefined,
    size: row.size,
    mtimeMs: row.mtime_ms,
    sku: row.sku ?? undefined,
    state: row.state,
    footage: row.work_path ?? undefined,
    attempts: row.attempts,
    owner: row.owner ?? undefined,
    createdAt: row.created_at,
    startedAt: row.started_at ?? undefined,
    finishedAt: row.finished_at ?? undefined,
    outputs: row.outputs ? (JSON.parse(row.outputs) as string[]) : [],
    error: row.error ?? undefined,
    duplicateOf: row.duplicate_of ?? undefined,
    progress: row.state === 'running' && row.progress !== null && row.progress !== undefined ? { fraction: row.progress, what: row.progress_what ?? '' } : undefined,
  };
}
