// Benchmarks of the dashboard (issue 12):
// 14. server time for the Now page with 10 000 upcoming posts (a GET over loopback, whole page
//     read), against the same page with 10 posts;
// 16. the delay from a change to the state database (another connection writes it, as the daemon
//     does) to a real Chromium tab showing it (SSE event, the live region fetched and swapped),
//     with 10 000 posts and with 10.
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { loadConfig } from '../src/config/load-config.ts';
import { startDashboard, type DashboardServer } from '../src/dashboard/start-dashboard.ts';
import type { PlannedPost } from '../src/schedule/plan-posts.ts';
import { PostStore } from '../src/schedule/post-store.ts';
import { openStateDb } from '../src/store/open-state-db.ts';
import { median } from './bench-tools.ts';

const CHROMIUM = '/usr/bin/chromium';
const CHANNELS = ['wecom-team', 'feishu-ops', 'douyin', 'outbox'];

interface Rig {
  dir: string;
  server: DashboardServer;
  store: PostStore;
  close(): Promise<void>;
}

/** A state with `count` upcoming posts (20 per stream, 4 channels) and a dashboard over it. */
async function rig(count: number): Promise<Rig> {
  const dir = await mkdtemp(join(tmpdir(), 'promo-dashboard-bench-'));
  const config = await loadConfig(undefined, { cwd: dir });
  const db = openStateDb(config.state);
  const store = new PostStore(db);
  const first = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 86_400_000;
  const offsets = [86_400_000, 10_800_000, 3_600_000, 900_000, 300_000];
  const planned: PlannedPost[] = Array.from({ length: count }, (_, i) => {
    const stream = Math.floor(i / 20);
    const occurrence = new Date(first + stream * 3_600_000);
    const due = new Date(occurrence.getTime() - offsets[i % 5]!);
    return {
      key: `bench-${i}`, spec: '/bench/spec.yaml', postIndex: i % 5, channel: CHANNELS[Math.floor(i / 5) % 4]!,
      occurrence, due, local: '2027-01-01 20:00', zone: 'Asia/Shanghai', text: `第 ${i} 条：今晚8点开播，明前龙井限时优惠`, stream: { title: `专场 ${stream}` },
    };
  });
  store.schedule('/bench/spec.yaml', planned);
  // A realistic mix: some sent with a link, some failed with the channel's error.
  for (let id = 1; id <= count; id += 7) store.markSent(id, new Date().toISOString(), 2, 'sent', { url: `https://example.com/p/${id}` });
  for (let id = 3; id <= count; id += 11) store.settle(id, 'failed', 'webhook "hook": HTTP 404: Cannot POST /hooks/promo?token=***');
  const server = await startDashboard({ config, port: 0 });
  return { dir, server, store, close: async () => { await server.close(); db.close(); await rm(dir, { recursive: true, force: true }); } };
}

function get(url: string): Promise<{ ms: number; bytes: number }> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => { bytes += chunk.length; });
      res.on('end', () => (res.statusCode === 200 ? resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, bytes }) : reject(new Error(`GET ${url}: ${res.statusCode}`))));
    }).on('error', reject);
  });
}

/** 14 and 16. */
export async function benchDashboard(runs: number): Promise<string> {
  const big = await rig(10_000);
  const small = await rig(10);
  const lines: string[] = [];
  try {
    // Warm up (V8 compiles the renderers, SQLite fills its cache).
    for (let i = 0; i < 3; i++) await Promise.all([get(`${big.server.url}now`), get(`${small.server.url}now`)]);
    const reps = Math.max(runs, 5) * 2;
    const bigMs: number[] = [];
    const smallMs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < reps; i++) {
      const b = await get(`${big.server.url}now`);
      bytes = b.bytes;
      bigMs.push(b.ms);
      smallMs.push((await get(`${small.server.url}now`)).ms);
    }
    lines.push(
      `14. the Now page, server time (GET over loopback, ${reps} alternating requests each)`,
      `  10 000 upcoming posts        median ${median(bigMs).toFixed(1)} ms   (${(bytes / 1048576).toFixed(1)} MiB of HTML)`,
      `  10 posts (baseline)          median ${median(smallMs).toFixed(1)} ms`,
      `  ratio ${(median(bigMs) / median(smallMs)).toFixed(1)}   target < 100 ms`,
      '',
    );
    if (!existsSync(CHROMIUM)) {
      lines.push(`16. skipped: ${CHROMIUM} is not installed`);
      return lines.join('\n');
    }
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const delays = { big: [] as number[], small: [] as number[] };
      const pages = await Promise.all([big, small].map(async (r) => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.goto(`${r.server.url}now`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
        await page.waitForSelector('html[data-live="connected"]', { timeout: 120_000 });
        return page;
      }));
      // One pending post of the first streams per run, cancelled, then the next one.
      const pendingIds = (r: Rig) => r.store.find({ states: ['pending'], limit: 200 }).map((p) => p.id);
      const targets = { big: pendingIds(big), small: pendingIds(small) };
      for (let run = 0; run < runs; run++) {
        for (const [index, r] of [big, small].entries()) {
          const postId = (r === big ? targets.big : targets.small)[run]!;
          const page = pages[index]!;
          const start = process.hrtime.bigint();
          r.store.cancel({ id: postId });
          await page.waitForSelector(`#post-${postId}[data-state="cancelled"]`, { timeout: 60_000 });
          (r === big ? delays.big : delays.small).push(Number(process.hrtime.bigint() - start) / 1e6);
        }
      }
      lines.push(
        `16. a state change to a Chromium tab showing it (SSE, the live region fetched and swapped; ${runs} alternating changes each)`,
        `  10 000 posts on the page     median ${median(delays.big).toFixed(0)} ms   (runs: ${delays.big.map((x) => x.toFixed(0)).join(' ')})`,
        `  10 posts (baseline)          median ${median(delays.small).toFixed(0)} ms   (runs: ${delays.small.map((x) => x.toFixed(0)).join(' ')})`,
        `  ratio ${(median(delays.big) / median(delays.small)).toFixed(1)}   target < 1000 ms (the state is looked at every 200 ms)`,
      );
    } finally {
      await browser.close();
    }
  } finally {
    await big.close();
    await small.close();
  }
  return lines.join('\n');
}
