// Makes the README's dashboard screenshots (docs/dashboard-*.png) from a realistic project: the
// sample tea stream of media-samples/ (明前龙井, 手工青瓷茶杯, 宜兴紫砂壶) rendered by the real
// `promo render`, its posts scheduled and sent by the real `promo schedule` and `promo daemon
// --once` (a 小红书 outbox folder, a team webhook that refuses, on loopback), an inbox file that
// matches no product, and the Douyin and Kuaishou exports imported by `promo insights import`;
// then, with a real `promo daemon` beating, Debian's Chromium shoots each page at 1280 px (English,
// a viewer in Berlin; Insights in Chinese) and 390 px (Chinese). The stream starts about 2 h 50 min
// after the script runs (its T-3h post is just past); the daemon-stopped shot looks 10 minutes
// ahead. The Inbox shots come from test/dashboard/inbox-progress-browser.test.ts (a job running).
// Look at each PNG.
//
//   node bin/run-ts.js scripts/dashboard-screenshots.ts [--out docs]
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../src/config/load-config.ts';
import { startDashboard, type DashboardServer } from '../src/dashboard/start-dashboard.ts';
import { zonedTime } from '../src/dashboard/zoned-time.ts';
import { openStateDb } from '../src/store/open-state-db.ts';
import { exportFixtures } from './insights/export-fixtures.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1]! : join(ROOT, 'docs'));
/** The stream: about 2 h 50 min from now, on a whole 10 minutes (its T-3h post is just past). */
const START_MS = Math.ceil((Date.now() + 170 * 60_000) / 600_000) * 600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const SPEC = `stream:
  title: 年货节好茶专场
  host: 李博闻
  start: ${zonedTime(new Date(START_MS), 'Asia/Shanghai')}
  timezone: Asia/Shanghai
  url: https://live.example.com/room/8848
brand:
  logo: brand/logo.png
  color: "#E60012"
currency: "¥"
products:
  - sku: TEA-001
    name: 明前龙井
    price: 99
    originalPrice: 199
    footage: footage/TEA-001.mp4
    clips:
      - { in: 1, out: 4, caption: 明前龙井，鲜爽回甘 }
  - sku: CUP-002
    name: 手工青瓷茶杯
    price: 39
    footage: footage/CUP-002.jpg
    clips:
      - { duration: 3, caption: 手工青瓷 一杯一世界 }
  - sku: POT-003
    name: 宜兴紫砂壶
    price: 268
    footage: footage/POT-003.mp4
    clips:
      - { in: 0, out: 3, caption: 原矿紫泥 老师傅手作 }
outputs: [douyin, square]
fit: blur
intro: false
outro: false
quality: draft
posts:
  - { at: -24h, video: TEA-001, channels: [xiaohongshu], text: "明晚8点 年货节好茶专场 明前龙井直播价¥99，手工青瓷茶杯、宜兴紫砂壶都有，记得来直播间！ #年货节 #好茶" }
  - { at: -3h, channels: [team], text: "{{countdown}}开播：{{stream.title}}" }
  - { at: -1h, channels: [team], text: "还有一小时开播，主播李博闻已就位" }
  - { at: -15m, channels: [team], text: "马上开播！" }
`;

function run(dir: string, ...args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'promo.js'), ...args, '--config', join(dir, 'config.yaml')], { cwd: dir, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      // `promo daemon --once` exits 1 when a post failed: that failure is wanted here.
      if (error && !(args[0] === 'daemon' && error.code === 1)) fail(new Error(`promo ${args.join(' ')}: ${stderr || error.message}`));
      else done(stdout);
    });
  });
}

/** A team webhook (企业微信 style) that refuses every post, as a wrong key does. */
async function refusingWebhook(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end('{"errcode":93000,"errmsg":"invalid webhook url, hint: [1765962030_1_6b0e2b8f]"}');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return server;
}

async function makeProject(dir: string, hookUrl: string): Promise<void> {
  // As a team sets them where promo runs (the CLI children and this dashboard inherit them).
  process.env.TEAM_WEBHOOK_URL = hookUrl;
  process.env.TEAM_WEBHOOK_SECRET = 'whsec_c2FtcGxlLXNpZ25pbmcta2V5LTQy';
  await cp(join(ROOT, 'media-samples', 'footage'), join(dir, 'footage'), { recursive: true });
  await cp(join(ROOT, 'media-samples', 'brand'), join(dir, 'brand'), { recursive: true });
  await writeFile(join(dir, 'spec.yaml'), SPEC);
  await mkdir(join(dir, 'inbox'));
  await writeFile(join(dir, 'config.yaml'), `out: out
state: .promo/state.db
timezone: Asia/Shanghai
render: { concurrency: 1 }
watch:
  - { inbox: inbox, spec: spec.yaml }
channels:
  xiaohongshu: { type: folder, dir: outbox }
  team: { type: webhook, url: "\${TEAM_WEBHOOK_URL}", secret: "\${TEAM_WEBHOOK_SECRET}" }
posts: { grace: 15m }
`);
  await run(dir, 'render', 'spec.yaml');
  await run(dir, 'schedule', 'spec.yaml', '--now', iso(START_MS - 2 * 86_400_000));
  // T-24h to the outbox folder, then T-3h to the webhook (refused), each at its time.
  await run(dir, 'daemon', '--once', '--now', iso(START_MS - 24 * 3_600_000 + 30_000));
  await run(dir, 'daemon', '--once', '--now', iso(START_MS - 3 * 3_600_000 + 30_000));
  // A file the watcher cannot place: it goes to failed/ with a note.
  await cp(join(dir, 'footage', 'TEA-001.mp4'), join(dir, 'inbox', '新品试拍-白茶饼.mp4'));
  await run(dir, 'watch', '--once');
  const files = await exportFixtures();
  await writeFile(join(dir, 'douyin-session.xlsx'), files['douyin-live-session.xlsx']!);
  await run(dir, 'insights', 'import', 'douyin-session.xlsx', '--now', '2026-08-01T00:00:00Z');
  seedKuaishouHistory(join(dir, '.promo', 'state.db'));
}

/** 200 Kuaishou posts over 8 months at six hours of the day, 20:00 doing about 3× better (seeded). */
function seedKuaishouHistory(state: string): void {
  const db = openStateDb(state);
  try {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const hours = [9, 12, 15, 18, 20, 22];
    const titles = ['明前龙井开箱', '紫砂壶养壶小技巧', '青瓷茶杯上新', '白茶饼试喝', '今晚直播预告', '茶席布置'];
    const insert = db.prepare(`INSERT INTO insight_posts (platform, account, key, title, published_ms, format, views, imported_at) VALUES ('kuaishou', 'kuaishou', ?, ?, ?, 'kuaishou-works', ?, '2026-12-10T02:00:00Z')`);
    const start = Date.parse('2026-04-01T00:00:00+08:00');
    for (let i = 0; i < 200; i++) {
      const hour = hours[Math.floor(random() * hours.length)]!;
      const day = Math.floor(i * 1.2);
      const views = Math.round((800 + 1600 * random()) * (hour === 20 ? 3 : 1));
      insert.run(`ks-${i}`, titles[i % titles.length], start + day * 86_400_000 + hour * 3_600_000 + Math.floor(random() * 50) * 60_000, views);
    }
    db.prepare(`INSERT INTO insight_imports (file, sha256, format, platform, account, rows, added, imported_at) VALUES ('kuaishou-works.xlsx', '-', 'kuaishou-works', 'kuaishou', 'kuaishou', 200, 200, '2026-12-10T02:00:00Z')`).run();
  } finally {
    db.close();
  }
}

async function open(browser: Browser, url: string, phone: boolean, locale = phone ? 'zh-CN' : 'en-US'): Promise<Page> {
  const page = await browser.newPage(phone
    ? { viewport: { width: 390, height: 844 }, locale, timezoneId: 'Asia/Shanghai' }
    : { viewport: { width: 1280, height: 900 }, locale, timezoneId: 'Europe/Berlin' });
  await page.goto(url);
  await page.waitForSelector('html[data-live="connected"]');
  await page.evaluate(() => document.fonts.ready);
  // Posters and covers drawn, not half-loaded.
  // (lazy ones below the fold are made eager: a full-page shot shows them too).
  await page.evaluate(() => Promise.all([...document.images].map((img) => {
    img.loading = 'eager';
    return img.decode().catch(() => undefined);
  })));
  return page;
}

async function shoot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(OUT, `dashboard-${name}.png`), fullPage });
  console.log(join(OUT, `dashboard-${name}.png`));
  await page.close();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'promo-screenshots-'));
  const hook = await refusingWebhook();
  const servers: DashboardServer[] = [];
  let browser: Browser | undefined;
  let daemon: ReturnType<typeof spawn> | undefined;
  try {
    await makeProject(dir, `http://127.0.0.1:${(hook.address() as AddressInfo).port}/cgi-bin/webhook/send?key=sample`);
    const config = await loadConfig(join(dir, 'config.yaml'), { cwd: dir });
    // A real daemon, beating (nothing else is due while the shots are taken).
    daemon = spawn(process.execPath, [join(ROOT, 'bin', 'promo.js'), 'daemon', '--config', join(dir, 'config.yaml')], { cwd: dir, stdio: 'ignore' });
    // The browser's language decides (en-US desktop, zh-CN phone).
    const server = await startDashboard({ config, port: 0 });
    // Ten minutes on, the daemon's last heartbeat is stale: the banner is red.
    const stale = await startDashboard({ config, port: 0, now: () => new Date(Date.now() + 10 * 60_000) });
    servers.push(server, stale);
    await mkdir(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
    const at = (path: string) => `${server.url}${path}`;

    const now = await open(browser, at('now'), false);
    await now.waitForSelector('#daemon-banner [data-daemon-state="running"]', { timeout: 60_000 });
    await shoot(now, 'now');
    await shoot(await open(browser, at('now'), true), 'now-phone');
    await shoot(await open(browser, `${stale.url}now`, true), 'now-daemon-stale', false);
    const clips = await open(browser, at('clips'), false);
    await clips.locator('.tile .safe-toggle').first().check();
    await clips.locator('.clip-edit summary').first().click();
    await shoot(clips, 'clips');
    await shoot(await open(browser, at('clips'), true), 'clips-phone');
    const outbox = await open(browser, at('outbox'), false);
    const phonePath = await outbox.locator('a[href^="/outbox/"]').first().getAttribute('href');
    await shoot(outbox, 'outbox');
    await shoot(await open(browser, at(phonePath!.slice(1)), true), 'outbox-phone');
    await shoot(await open(browser, at('insights'), false, 'zh-CN'), 'insights');
    await shoot(await open(browser, at('health'), true), 'health-phone');
  } finally {
    await browser?.close();
    daemon?.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.close()));
    hook.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
