// Test helper: a spec folder's posts planned (as `promo schedule` plans them) and stored in a real
// state database in that folder.
import { join } from 'node:path';
import type { PromoConfig } from '../../src/config/config-types.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { planPosts } from '../../src/schedule/plan-posts.ts';
import { configTextLimits } from '../../src/schedule/config-text-limits.ts';
import { loadSpec } from '../../src/promo-spec/load-spec.ts';
import { openStateDb, type StateDb } from '../../src/store/open-state-db.ts';
import { PostStore } from '../../src/schedule/post-store.ts';
import type { SpecDir } from '../helpers/spec-dir.ts';

export interface ScheduledStore {
  config: PromoConfig;
  db: StateDb;
  store: PostStore;
}

/** Plans the folder's spec as of `now` and stores the posts; close `db` when done. */
export async function scheduleSpecDir(dir: SpecDir, now = new Date('2026-11-25T00:00:00Z')): Promise<ScheduledStore> {
  const config = await loadConfig(dir.config, { cwd: dir.dir });
  const loaded = await loadSpec(dir.spec, { timezone: config.timezone });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const plan = planPosts(loaded.spec, config, { now, textLimit: configTextLimits(config) });
  if (plan.issues.length > 0) throw new Error(plan.issues.map((issue) => issue.message).join('\n'));
  const db = openStateDb(join(dir.dir, '.promo', 'state.db'));
  const store = new PostStore(db);
  store.schedule(dir.spec, plan.posts);
  return { config, db, store };
}
