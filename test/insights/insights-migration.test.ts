// A state database from before insights (the schema just before them) is upgraded in place: its posts stay, and the
// insight tables arrive empty with their uniqueness keys.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeStateDbAt } from '../helpers/make-state-db-at.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { openStateDb, MIGRATIONS } from '../../src/store/open-state-db.ts';

const BEFORE_INSIGHTS = MIGRATIONS.findIndex((m) => m.includes('insight_posts'));

describe('insights migration', () => {
  it('upgrades a database from before insights without losing its posts', async () => {
    expect(BEFORE_INSIGHTS).toBeGreaterThan(0);
    const dir = await makeTempDir('insights-migration');
    const file = join(dir, 'state.db');
    const old = makeStateDbAt(file, BEFORE_INSIGHTS);
    old.prepare(`INSERT INTO posts (key, spec, post_index, channel, occurrence_ms, due_ms, local_time, zone, text, stream_title, state, created_at, updated_at)
      VALUES ('k1', 's.yaml', 0, 'dy', 1, 1, '2026-01-01 00:00', 'Asia/Shanghai', 'hi', 'live', 'sent', 'x', 'x')`).run();
    old.close();
    const db = openStateDb(file);
    try {
      expect(db.prepare('SELECT key FROM posts').all()).toEqual([{ key: 'k1' }]);
      expect(db.prepare('SELECT COUNT(*) AS n FROM insight_posts').get()).toEqual({ n: 0 });
      const insert = db.prepare(`INSERT OR IGNORE INTO insight_posts (platform, account, key, title, published_ms, format, imported_at) VALUES ('douyin', 'a', 'k', 't', 1, 'f', 'x')`);
      expect(insert.run().changes).toBe(1);
      expect(insert.run().changes).toBe(0);
    } finally {
      db.close();
    }
  });
});
