// promo's state database: one SQLite file on local disk (WAL does not work over network file
// systems) holding jobs and, later, scheduled posts. Every state change that guards against
// doing something twice is committed with synchronous=FULL.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PromoError } from '../util/promo-error.ts';

export type StateDb = Database.Database;

// Each entry moves the schema one version up; never edit one that has shipped, add another.
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE jobs (
     id INTEGER PRIMARY KEY,
     inbox TEXT NOT NULL,
     spec TEXT NOT NULL,
     file_name TEXT NOT NULL,
     content_sha256 TEXT,
     size INTEGER NOT NULL,
     mtime_ms REAL NOT NULL,
     sku TEXT,
     state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'duplicate')),
     work_path TEXT,
     final_path TEXT,
     attempts INTEGER NOT NULL DEFAULT 0,
     owner TEXT,
     created_at TEXT NOT NULL,
     started_at TEXT,
     finished_at TEXT,
     outputs TEXT,
     error TEXT,
     duplicate_of INTEGER REFERENCES jobs(id)
   );
   -- The same content in the same inbox is rendered once (a failed job may be retried by
   -- dropping the file again).
   CREATE UNIQUE INDEX jobs_content ON jobs(inbox, content_sha256) WHERE state IN ('queued', 'running', 'done');
   CREATE INDEX jobs_state ON jobs(state, id);`,
  `CREATE TABLE posts (
     id INTEGER PRIMARY KEY,
     key TEXT NOT NULL UNIQUE,
     spec TEXT NOT NULL,
     post_index INTEGER NOT NULL,
     channel TEXT NOT NULL,
     occurrence_ms INTEGER NOT NULL,
     due_ms INTEGER NOT NULL,
     local_time TEXT NOT NULL,
     zone TEXT NOT NULL,
     text TEXT NOT NULL,
     subject TEXT,
     video TEXT,
     cover TEXT,
     stream_title TEXT NOT NULL,
     stream_url TEXT,
     state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'missed', 'unknown', 'cancelled')),
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_ms INTEGER,
     owner TEXT,
     sent_at TEXT,
     late_seconds REAL,
     detail TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   -- A tick asks only: which pending posts are due? This index answers without a scan.
   CREATE INDEX posts_due ON posts(state, due_ms);
   CREATE INDEX posts_spec ON posts(spec, state);
   CREATE TABLE daemon_lock (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     owner TEXT NOT NULL,
     started_at TEXT NOT NULL,
     heartbeat_at TEXT NOT NULL
   );`,
  // When a person last asked for a post to be tried again (`promo posts retry`): its grace runs
  // from then, so a missed or unknown post can still go out.
  `ALTER TABLE posts ADD COLUMN retried_ms INTEGER;`,
  // The same content is rendered once per product, not once per inbox: one clip dropped as
  // TEA-001.mp4 and as CUP-002.mp4 (shared by two products) renders for both.
  `DROP INDEX jobs_content;
   CREATE UNIQUE INDEX jobs_content ON jobs(inbox, sku, content_sha256) WHERE state IN ('queued', 'running', 'done');`,
  // Specs of recurring streams the daemon keeps scheduling ahead (until cancelled or no longer recurring).
  `CREATE TABLE IF NOT EXISTS recurring (
     spec TEXT PRIMARY KEY,
     active INTEGER NOT NULL,
     updated_at TEXT NOT NULL
   );`,
  // The watcher's own bookkeeping, apart from the job runner's queue (which may be remote): where
  // each taken file is and where it goes (InboxFileStore), and the files an inbox is waiting for
  // (WaitingFileStore). Files of jobs that were open or stranded keep their place in the move.
  `CREATE TABLE IF NOT EXISTS inbox_files (
     job_id TEXT PRIMARY KEY,
     inbox TEXT NOT NULL,
     file_name TEXT NOT NULL,
     work_path TEXT NOT NULL,
     final_path TEXT,
     moved_at TEXT
   );
   CREATE INDEX IF NOT EXISTS inbox_files_open ON inbox_files(inbox) WHERE moved_at IS NULL;
   INSERT OR IGNORE INTO inbox_files (job_id, inbox, file_name, work_path, final_path)
     SELECT CAST(id AS TEXT), inbox, file_name, work_path, final_path FROM jobs WHERE work_path IS NOT NULL;
   CREATE TABLE IF NOT EXISTS inbox_waiting (
     inbox TEXT NOT NULL,
     file_name TEXT NOT NULL,
     size INTEGER NOT NULL,
     reason TEXT NOT NULL,
     since TEXT NOT NULL,
     give_up_at TEXT NOT NULL,
     owner TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (inbox, file_name)
   );`,
  // Video platforms (issue 9): a post's title and tags (JSON); what a resumable send checkpointed
  // (JSON: upload session, publish id, bytes confirmed); the platform's id and URL of the posted
  // video; and, while a send is in flight between calls (`again`: processing to poll, a publish
  // at the due time), why: such a post stays `sending` without an owner until next_attempt_ms.
  `ALTER TABLE posts ADD COLUMN title TEXT;
   ALTER TABLE posts ADD COLUMN tags TEXT;
   ALTER TABLE posts ADD COLUMN progress TEXT;
   ALTER TABLE posts ADD COLUMN remote_id TEXT;
   ALTER TABLE posts ADD COLUMN remote_url TEXT;
   ALTER TABLE posts ADD COLUMN again_reason TEXT;
   CREATE INDEX IF NOT EXISTS posts_in_flight ON posts(next_attempt_ms) WHERE state = 'sending';`,
  // Insights (issue 14): what the platforms' own exports say about each post, stream, clip that
  // sent viewers into a stream, product and hour of follower activity. Each row is keyed by what
  // stays the same from one export to the next (the platform's id, else title and time), so
  // importing the same or an overlapping export again updates rows instead of adding them.
  `CREATE TABLE IF NOT EXISTS insight_posts (
     id INTEGER PRIMARY KEY,
     platform TEXT NOT NULL,
     account TEXT NOT NULL,
     key TEXT NOT NULL,
     remote_id TEXT,
     title TEXT NOT NULL,
     published_ms INTEGER NOT NULL,
     -- 0 when the export gives only the day (YouTube Studio): no hour to learn from.
     time_known INTEGER NOT NULL DEFAULT 1,
     format TEXT NOT NULL,
     views REAL, likes REAL, comments REAL, shares REAL, saves REAL,
     completion REAL, followers_gained REAL, live_referrals REAL, gmv REAL,
     paid INTEGER,
     extra TEXT,
     promo_post_id INTEGER,
     imported_at TEXT NOT NULL,
     UNIQUE (platform, account, key)
   );
   -- Covering what best times read, so ranking 100 000 posts never looks up their rows.
   CREATE INDEX IF NOT EXISTS insight_posts_time ON insight_posts(platform, account, published_ms, time_known, paid, views, likes);
   CREATE TABLE IF NOT EXISTS insight_streams (
     id INTEGER PRIMARY KEY,
     platform TEXT NOT NULL,
     account TEXT NOT NULL,
     start_ms INTEGER NOT NULL,
     end_ms INTEGER,
     title TEXT,
     exposure REAL, viewers REAL, peak_online REAL, avg_online REAL, gmv REAL, orders REAL, new_followers REAL,
     extra TEXT,
     imported_at TEXT NOT NULL,
     UNIQUE (platform, account, start_ms)
   );
   CREATE TABLE IF NOT EXISTS insight_referrals (
     id INTEGER PRIMARY KEY,
     platform TEXT NOT NULL,
     account TEXT NOT NULL,
     stream_start_ms INTEGER NOT NULL,
     title TEXT NOT NULL,
     posted_ms INTEGER NOT NULL,
     entry_impressions REAL, referrals REAL,
     imported_at TEXT NOT NULL,
     UNIQUE (platform, account, stream_start_ms, title, posted_ms)
   );
   CREATE TABLE IF NOT EXISTS insight_products (
     id INTEGER PRIMARY KEY,
     platform TEXT NOT NULL,
     account TEXT NOT NULL,
     stream_start_ms INTEGER NOT NULL,
     product_id TEXT NOT NULL,
     name TEXT NOT NULL,
     gmv REAL, units REAL, buyers REAL, exposure REAL, clicks REAL,
     imported_at TEXT NOT NULL,
     UNIQUE (platform, account, stream_start_ms, product_id)
   );
   CREATE TABLE IF NOT EXISTS insight_activity (
     platform TEXT NOT NULL,
     account TEXT NOT NULL,
     hour_ms INTEGER NOT NULL,
     active REAL NOT NULL,
     PRIMARY KEY (platform, account, hour_ms)
   );
   CREATE TABLE IF NOT EXISTS insight_imports (
     id INTEGER PRIMARY KEY,
     file TEXT NOT NULL,
     sha256 TEXT NOT NULL,
     format TEXT NOT NULL,
     platform TEXT NOT NULL,
     account TEXT NOT NULL,
     rows INTEGER NOT NULL,
     added INTEGER NOT NULL,
     imported_at TEXT NOT NULL
   );`,
  // A running job's render progress (issue 12): the fraction and what it is doing, written by its
  // worker (throttled), cleared when the job ends or goes back to the queue.
  `ALTER TABLE jobs ADD COLUMN progress REAL;
   ALTER TABLE jobs ADD COLUMN progress_what TEXT;`,
];

/** The schema version this promo writes: readers refuse any other (they never migrate). */
export const STATE_SCHEMA_VERSION = MIGRATIONS.length;

/** Opens (creating and migrating as needed) the state database at `file`. */
export function openStateDb(file: string): StateDb {
  let db: StateDb;
  try {
    mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, { timeout: 10_000 });
  } catch (error) {
    throw new PromoError('CONFIG_INVALID', `cannot open the state database ${file}: ${(error as Error).message}`, {
      hint: 'set `state:` in config.yaml to a path on a local disk you can write to',
      cause: error,
    });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    db.close();
    throw new PromoError('CONFIG_INVALID', `the state database ${file} was written by a newer promo (schema ${version})`, {
      hint: 'upgrade promo, or point `state:` at a new file',
    });
  }
  for (let next = version; next < MIGRATIONS.length; next++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[next]!);
      db.pragma(`user_version = ${next + 1}`);
    })();
  }
  return db;
}
