// The world the Clips, Inbox, Outbox and Health tests run in: a folder with a tiny spec (one video
// product with a hostile caption, one small custom output with a safe zone), rendered for real
// with renderBatch, a config with an inbox and an outbox folder channel, and a dashboard on
// loopback serving the shell plus those pages.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/load-config.ts';
import type { PromoConfig } from '../../src/config/config-types.ts';
import { dashboardPages } from '../../src/dashboard/dashboard-routes.ts';
import { startDashboard, type DashboardServer } from '../../src/dashboard/start-dashboard.ts';
import { loadSpec } from '../../src/promo-spec/load-spec.ts';
import { renderBatch } from '../../src/render/render-batch.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { runCli } from '../helpers/spec-dir.ts';
import { runWatch } from '../../src/watch/run-watch.ts';

/** The spec's product whose footage is missing: its render fails, at spec.yaml:15:14. */
export const FAILING_SKU = 'CUP-002';

/** Text that would run or break markup if a page did not escape it. */
export const HOSTILE = `<script>alert(1)</script>"><img src=x onerror=alert(2)>&amp;`;

export interface MediaWorld {
  dir: string;
  spec: string;
  out: string;
  inbox: string;
  outbox: string;
  config: PromoConfig;
}

const SPEC = `# the dashboard tests' spec: keep this comment
stream:
  title: "Tea night"
  timezone: Asia/Shanghai
  start: "2030-06-01 20:00"
products:
  - sku: TEA-001
    name: 'Longjing'
    footage: tea.mp4
    clips:
      - in: 0
        out: 1.5
        caption: ${JSON.stringify(HOSTILE)}   # hostile on purpose
  - sku: CUP-002
    footage: cup-missing.mp4   # not there: this product fails, with its place and a hint
    clips: [{ in: 0, out: 1 }]
outputs:
  - { name: small, width: 180, height: 320, fps: 15, safe: { top: 40, bottom: 70, left: 10, right: 30 } }
intro: false
outro: false
quality: draft
posts:
  - { at: -24h, video: TEA-001, channels: [xhs], text: ${JSON.stringify(`明晚八点开播 ${HOSTILE}`)} }
`;

/** When the spec's one post is due (its stream starts 2030-06-01 20:00 Asia/Shanghai; the post 24 h before). */
export const POST_DUE = '2030-05-31T12:00:00.000Z';

/** Makes the folder, renders the spec once; `render: false` leaves `out` empty. */
export async function makeMediaWorld(options: { render?: boolean } = {}): Promise<MediaWorld> {
  const dir = makeTempDir('promo-dashboard-media-');
  const footage = await makeVideo({ width: 320, height: 180, duration: 3, fps: 15 });
  await copyFile(footage, join(dir, 'tea.mp4'));
  const spec = join(dir, 'spec.yaml');
  await writeFile(spec, SPEC);
  const inbox = join(dir, 'inbox');
  const outbox = join(dir, 'outbox');
  await mkdir(inbox);
  await writeFile(join(dir, 'config.yaml'), stringify({
    out: 'out', state: '.promo/state.db', timezone: 'Asia/Shanghai', render: { concurrency: 1 },
    watch: [{ inbox: 'inbox', spec: 'spec.yaml' }],
    channels: { xhs: { type: 'folder', dir: 'outbox' }, team: { type: 'webhook', url: 'https://hooks.example.com/promo', secret: '${PROMO_TEST_WEBHOOK_SECRET}' } },
  }));
  const config = await loadConfig(undefined, { cwd: dir });
  const world = { dir, spec, out: join(dir, 'out'), inbox, outbox, config };
  if (options.render !== false) await renderWorld(world);
  return world;
}

/** Renders the spec as `promo render` does (in-process). */
export async function renderWorld(world: MediaWorld): Promise<void> {
  const loaded = await loadSpec(world.spec, { timezone: 'Asia/Shanghai' });
  if (!loaded.ok) throw new Error(`test spec invalid: ${JSON.stringify(loaded.issues)}`);
  const result = await renderBatch({ spec: loaded.spec, config: world.config, outDir: world.out });
  const failed = result.jobs.filter((job) => job.status === 'failed' && job.sku !== 'CUP-002');
  if (failed.length > 0) throw new Error(`test render failed: ${failed.map((job) => job.error?.describe()).join('; ')}`);
}

/**
 * Puts the world through the real pipeline: the watcher (`--once`) refuses a file that matches no
 * product (failed/ with a note) and renders one that is the product's footage; `promo schedule`
 * stores the post and `promo daemon --once` at its due time writes it to the outbox folder.
 */
export async function populateWorld(world: MediaWorld): Promise<void> {
  await copyFile(join(world.dir, 'tea.mp4'), join(world.inbox, 'NOPE-999 <b>.mp4'));
  await copyFile(join(world.dir, 'tea.mp4'), join(world.inbox, 'TEA-001.mp4'));
  await runWatch({ config: world.config, signal: new AbortController().signal, log: () => {}, once: true });
  // The CLI gets the webhook's secret (never used: the post goes to the outbox); the dashboard does not.
  const env = { PROMO_TEST_WEBHOOK_SECRET: 'whsec_c2VjcmV0LWNhbmFyeS0xMjM=' };
  const promo = (...args: string[]) => runCli([...args, '--config', join(world.dir, 'config.yaml')], { cwd: world.dir, env });
  const scheduled = await promo('schedule', 'spec.yaml', '--now', '2030-05-01T00:00:00Z');
  if (scheduled.code !== 0) throw new Error(`promo schedule: ${scheduled.stderr}`);
  const ticked = await promo('daemon', '--once', '--now', new Date(Date.parse(POST_DUE) + 30_000).toISOString());
  if (ticked.code !== 0) throw new Error(`promo daemon --once: ${ticked.stderr}`);
}

/** A dashboard on 127.0.0.1 (any port) with every page. */
/** `lang: 'browser'`: the browser's language decides (default English, for the server tests' text). */
export function serveMediaPages(world: MediaWorld, options: { now?: () => Date; lang?: 'en' | 'zh' | 'browser' } = {}): Promise<DashboardServer> {
  return startDashboard({
    config: world.config, port: 0, lang: options.lang === 'browser' ? undefined : options.lang ?? 'en', pollMs: 100, now: options.now,
    pages: dashboardPages,
  });
}
