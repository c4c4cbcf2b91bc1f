// Opening the state database to read: never creating, migrating or writing it (not even SQLite's
// -wal and -shm files), on real SQLite files.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStateDb, STATE_SCHEMA_VERSION } from '../../src/store/open-state-db.ts';
import { openStateDbReadonly } from '../../src/store/open-state-db-readonly.ts';
import { PostStore } from '../../src/schedule/post-store.ts';
import { PromoError } from '../../src/util/promo-error.ts';
import { makeSpecDir } from '../helpers/spec-dir.ts';
import { scheduleSpecDir } from '../schedule/scheduled-store.ts';
import { fileHashes } from '../helpers/file-hashes.ts';

const SPEC = {
  stream: { title: '好茶专场', start: '2026-12-01 20:00', timezone: 'Asia/Shanghai', url: 'https://live.example.com/room/1' },
  products: [{ sku: 'TEA-001', footage: 'tea.mp4', clips: [{ in: 0, out: 2 }] }],
  posts: [{ at: '-3h', text: '{{countdown}}开播', channels: ['outbox'] }],
};

/** A folder holding a state database with one stored post; nothing has it open. */
async function storedState(): Promise<string> {
  const dir = await makeSpecDir(SPEC, { config: { channels: { outbox: { type: 'folder', dir: 'out/outbox' } } } });
  const { db } = await scheduleSpecDir(dir);
  db.close();
  return join(dir.dir, '.promo', 'state.db');
}

/** The message and hint of the PromoError `run` throws. */
function describeThrown(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof PromoError) return error.describe();
    throw error;
  }
  throw new Error('expected a PromoError, nothing was thrown');
}

function setVersion(file: string, version: number): void {
  const db = openStateDb(file);
  db.pragma(`user_version = ${version}`);
  db.close();
}

describe('openStateDbReadonly', () => {
  it('reads a database nobody has open and leaves its folder byte-identical: no -wal or -shm made', async () => {
    const file = await storedState();
    const before = fileHashes(dirname(file));
    expect(Object.keys(before)).toEqual(['state.db']);
    const db = openStateDbReadonly(file)!;
    expect(new PostStore(db).list().map((post) => post.text)).toEqual(['3小时后开播']);
    db.close();
    expect(fileHashes(dirname(file))).toEqual(before);
  });

  it('sees what a writer that has the database open committed, without touching the file or its WAL', async () => {
    const file = await storedState();
    const writer = openStateDb(file);
    try {
      // Committed to the WAL only: the main file does not hold it yet.
      new PostStore(writer).cancel({ id: 1 });
      const hashes = () => {
        const all = fileHashes(dirname(file));
        return { db: all['state.db'], wal: all['state.db-wal'] };
      };
      const before = hashes();
      const db = openStateDbReadonly(file)!;
      expect(new PostStore(db).get(1)?.state).toBe('cancelled');
      db.close();
      expect(hashes()).toEqual(before);
    } finally {
      writer.close();
    }
  });

  it('sees what a writer that died left in the WAL, without checkpointing it into the file', async () => {
    const file = await storedState();
    const writer = openStateDb(file);
    new PostStore(writer).cancel({ id: 1 });
    // The files as a kill -9 leaves them: the change is in the -wal only.
    const crashed = join(dirname(file), 'crashed');
    mkdirSync(crashed);
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(`${file}${suffix}`, join(crashed, `state.db${suffix}`));
    writer.close();
    const before = fileHashes(crashed);
    const db = openStateDbReadonly(join(crashed, 'state.db'))!;
    expect(new PostStore(db).get(1)?.state).toBe('cancelled');
    db.close();
    const after = fileHashes(crashed);
    expect(Object.keys(after)).toEqual(['state.db', 'state.db-shm', 'state.db-wal']);
    expect([after['state.db'], after['state.db-wal']]).toEqual([before['state.db'], before['state.db-wal']]);
  });

  it('has no state when the file does not exist, and creates neither it nor its folder', () => {
    const file = join(dirname(new URL(import.meta.url).pathname), '.no-such-folder', 'state.db');
    expect(openStateDbReadonly(file)).toBeUndefined();
    expect(existsSync(dirname(file))).toBe(false);
  });

  it('refuses a newer schema, saying to upgrade promo, and leaves the file as it is', async () => {
    const file = await storedState();
    setVersion(file, STATE_SCHEMA_VERSION + 1);
    const before = fileHashes(dirname(file));
    expect(describeThrown(() => openStateDbReadonly(file))).toMatch(/written by a newer promo \(schema \d+; this promo reads schema \d+\); upgrade promo/);
    expect(fileHashes(dirname(file))).toEqual(before);
  });

  it('never upgrades an older schema: it says which command does', async () => {
    const file = await storedState();
    setVersion(file, STATE_SCHEMA_VERSION - 1);
    const before = fileHashes(dirname(file));
    expect(describeThrown(() => openStateDbReadonly(file))).toMatch(/older promo .* reading never upgrades it; run a command that writes state/);
    expect(fileHashes(dirname(file))).toEqual(before);
  });

  it('refuses a file that is not a promo state database', async () => {
    const file = await storedState();
    writeFileSync(file, 'not sqlite at all, but long enough to have a header: '.repeat(4));
    expect(() => openStateDbReadonly(file)).toThrow(/is not a promo state database \(it is not an SQLite database\)/);
  });
});
