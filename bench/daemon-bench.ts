// Benchmark of the scheduler tick: with 10 000 posts scheduled and nothing due, how long one tick
// takes and whether memory stays flat over many ticks; against the same tick on an empty table.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load-config.ts';
import { publishDue } from '../src/schedule/publish-due.ts';
import type { PlannedPost } from '../src/schedule/plan-posts.ts';
import { openStateDb } from '../src/store/open-state-db.ts';
import { PostStore } from '../src/schedule/post-store.ts';
import { median } from './bench-tools.ts';

const POSTS = 10_000;
const TICKS = 2_000;

async function measure(count: number): Promise<{ tickMs: number[]; rssGrowthMiB: number; heapGrowthMiB: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'promo-tick-'));
  try {
    const db = openStateDb(join(dir, 'state.db'));
    const store = new PostStore(db);
    const start = Date.parse('2027-01-01T12:00:00Z');
    const planned: PlannedPost[] = Array.from({ length: count }, (_, i) => ({
      key: `bench-${i}`, spec: '/bench/spec.yaml', postIndex: i % 3, channel: 'outbox',
      occurrence: new Date(start + i * 60_000), due: new Date(start + i * 60_000 - 3_600_000),
      local: '2027-01-01 20:00', zone: 'Asia/Shanghai', text: `post ${i}`, stream: { title: 'bench' },
    }));
    store.schedule('/bench/spec.yaml', planned);
    // The defaults a folder without config.yaml gets (the state and credentials files inside it).
    const config = await loadConfig(undefined, { cwd: dir });
    const now = new Date('2026-12-01T00:00:00Z'); // before every post: nothing due
    const tick = () => publishDue({ store, config, now, owner: 'bench', channel: () => ({ ok: false, problem: 'unused' }) });
    // Warm up: SQLite fills its page cache and V8 compiles; growth after that would be a leak.
    for (let i = 0; i < 1000; i++) await tick();
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const heapBefore = process.memoryUsage().heapUsed;
    const tickMs: number[] = [];
    for (let i = 0; i < TICKS; i++) {
      const t = process.hrtime.bigint();
      await tick();
      tickMs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    global.gc?.();
    const growth = { rssGrowthMiB: (process.memoryUsage().rss - rssBefore) / 1048576, heapGrowthMiB: (process.memoryUsage().heapUsed - heapBefore) / 1048576 };
    db.close();
    return { tickMs, ...growth };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** 8. A tick with 10 000 posts scheduled and nothing due. */
export async function benchTick(): Promise<string> {
  const full = await measure(POSTS);
  const empty = await measure(0);
  const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)]!;
  return [
    `8. a scheduler tick with nothing due (${TICKS} ticks each)`,
    `  ${POSTS} posts scheduled       median ${median(full.tickMs).toFixed(3)} ms, p99 ${p99(full.tickMs).toFixed(3)} ms; memory over the ticks: RSS ${full.rssGrowthMiB.toFixed(1)} MiB, heap ${full.heapGrowthMiB.toFixed(1)} MiB`,
    `  empty table (baseline)      median ${median(empty.tickMs).toFixed(3)} ms, p99 ${p99(empty.tickMs).toFixed(3)} ms`,
    '  target < 20 ms; memory flat',
  ].join('\n');
}
