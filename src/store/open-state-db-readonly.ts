// Opening the state database only to read it (`promo posts`, `promo jobs`, `promo status`, the
// dashboard): never creating, migrating or writing it, and working on a read-only file or folder.
// SQLite's own read-only mode is not enough: on a WAL database with no writer connected it creates
// the -wal and -shm files (and leaves them), or fails where it cannot. So a database nobody has
// open (no -wal file: everything is in the main file) is read into memory and opened from there;
// one with a -wal file (a daemon or watcher has it open, or one crashed) is opened read-only in
// place, sharing the writer's -wal and -shm, so the reader sees every committed change.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { PromoError } from '../util/promo-error.ts';
import { STATE_SCHEMA_VERSION, type StateDb } from './open-state-db.ts';

const SQLITE_HEADER = 'SQLite format 3\0';
/** Reads of a file that changed while it was read are tried again this often, then read in place. */
const SNAPSHOT_ATTEMPTS = 5;

/**
 * Opens the state database at `file` read-only; undefined when there is no state yet (no file, or
 * an empty one). Throws a PromoError when the file is not a promo state database or has another
 * schema version than this promo's (newer: upgrade promo; older: a writing command upgrades it).
 */
export function openStateDbReadonly(file: string): StateDb | undefined {
  for (let attempt = 0; attempt < SNAPSHOT_ATTEMPTS; attempt++) {
    const before = statIfAny(file);
    if (!before) return undefined;
    // (Should the last writer close in the moment between this check and the open, SQLite makes an
    // empty -wal and -shm again; nothing is lost, and the next writer uses them.)
    if (existsSync(`${file}-wal`)) return checked(file, openInPlace(file));
    const bytes = readBytes(file);
    const after = statIfAny(file);
    if (!after) return undefined;
    // A writer that connected while the bytes were read may have checkpointed into the file: read again.
    if (existsSync(`${file}-wal`) || !sameVersion(before, after) || bytes.length !== after.size) continue;
    if (bytes.length === 0) return undefined;
    return checked(file, openSnapshot(file, bytes));
  }
  // Something keeps rewriting the file without a -wal (a rollback-journal writer): read it in place.
  return checked(file, openInPlace(file));
}

function statIfAny(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadable(file, error);
  }
}

function sameVersion(a: Stats, b: Stats): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw unreadable(file, error);
  }
}

function openInPlace(file: string): StateDb {
  try {
    return new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  } catch (error) {
    throw unreadable(file, error);
  }
}

function openSnapshot(file: string, bytes: Buffer): StateDb {
  if (bytes.length < 100 || bytes.subarray(0, 16).toString('latin1') !== SQLITE_HEADER) throw notPromo(file, 'it is not an SQLite database');
  // Bytes 18 and 19 of the header say "WAL mode" (2); SQLite cannot open an in-memory copy in that
  // mode, and there is no WAL to read here anyway. 1 (rollback journal) reads the same pages.
  // https://www.sqlite.org/fileformat2.html#database_header
  if (bytes[18] === 2) bytes[18] = 1;
  if (bytes[19] === 2) bytes[19] = 1;
  try {
    return new Database(bytes, { readonly: true });
  } catch (error) {
    throw notPromo(file, (error as Error).message);
  }
}

/** Refuses a database whose schema this promo does not read as it is; undefined for an empty one. */
function checked(file: string, db: StateDb): StateDb | undefined {
  let version: number;
  let tables: number;
  try {
    version = db.pragma('user_version', { simple: true }) as number;
    tables = (db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number }).n;
  } catch (error) {
    db.close();
    throw notPromo(file, (error as Error).message);
  }
  if (version === STATE_SCHEMA_VERSION) return db;
  db.close();
  if (version === 0 && tables === 0) return undefined;
  if (version === 0) throw notPromo(file, 'it holds tables but no promo schema version');
  if (version > STATE_SCHEMA_VERSION) {
    throw new PromoError('CONFIG_INVALID', `the state database ${file} was written by a newer promo (schema ${version}; this promo reads schema ${STATE_SCHEMA_VERSION})`, {
      hint: 'upgrade promo on this machine (reading never changes the database)',
    });
  }
  throw new PromoError('CONFIG_INVALID', `the state database ${file} was written by an older promo (schema ${version}; this promo reads schema ${STATE_SCHEMA_VERSION}), and reading never upgrades it`, {
    hint: 'run a command that writes state with this promo once (`promo daemon`, `promo watch` or `promo schedule`): it upgrades the database',
  });
}

function unreadable(file: string, error: unknown): PromoError {
  return new PromoError('CONFIG_INVALID', `cannot read the state database ${file}: ${(error as Error).message}`, {
    hint: 'check `state:` in config.yaml and that this user may read that file',
    cause: error,
  });
}

function notPromo(file: string, why: string): PromoError {
  return new PromoError('CONFIG_INVALID', `${file} is not a promo state database (${why})`, {
    hint: 'point `state:` in config.yaml at the file promo created, or move this file away',
  });
}
