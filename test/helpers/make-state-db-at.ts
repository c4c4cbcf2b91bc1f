// A state database as an older promo left it: only the first `version` migrations applied, so
// upgrade tests run each later migration once, as a real upgrade does.
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/store/open-state-db.ts';

/** Creates `file` at schema `version` and returns it open (close it before promo opens it). */
export function makeStateDbAt(file: string, version: number): Database.Database {
  if (version < 1 || version > MIGRATIONS.length) throw new Error(`schema version ${version} does not exist (1 to ${MIGRATIONS.length})`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (const migration of MIGRATIONS.slice(0, version)) db.exec(migration);
  db.pragma(`user_version = ${version}`);
  return db;
}
