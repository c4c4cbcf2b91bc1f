// The Now page on a real server, over a state the real CLI wrote: chips per channel in every state
// with the stream's zone named, the channel's exact error and what to do, user text escaped, the
// post actions (the CLI's semantics: retry only failed/missed/unknown and never after the start),
// live `posts` and `daemon` events, both languages, and no secret in any page or event.
import { afterEach, describe, expect, it } from 'vitest';
import { startDashboard, type DashboardServer } from '../../src/dashboard/start-dashboard.ts';
import { PostStore } from '../../src/schedule/post-store.ts';
import { acquireDaemonLock } from '../../src/store/daemon-lock.ts';
import { openStateDb } from '../../src/store/open-state-db.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { HOSTILE, leaksSecret, makeDashboardProject, type DashboardProject } from './dashboard-project.ts';
import { dashboardRequest, readEvents } from './dashboard-request.ts';

const servers: DashboardServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(project: DashboardProject, now: string, lang?: 'zh' | 'en'): Promise<DashboardServer> {
  const server = await startDashboard({ config: project.promoConfig, port: 0, now: () => new Date(now), lang, pollMs: 50 });
  servers.push(server);
  return server;
}

/** The project after the T-24h tick: the outbox post sent to its folder, the webhook's refused (a proxy's 404 quoting the URL). */
async function afterFirstTick(): Promise<DashboardProject> {
  const project = await makeDashboardProject({ start: '2026-12-01 20:00', scheduleNow: '2026-11-25T00:00:00Z' });
  project.hook.script(['echo']);
  const tick = await project.promo('daemon', '--once', '--now', '2026-11-30T12:00:30Z');
  expect(tick.code, tick.stderr).toBe(1);
  return project;
}

function chip(page: string, id: number): string {
  const match = new RegExp(`<article class="chip[^"]*" id="post-${id}"[\\s\\S]*?</article>`).exec(page);
  if (!match) throw new Error(`no chip for post #${id} in the page`);
  return match[0];
}

const origin = (server: DashboardServer) => server.url.replace(/\/$/, '');
const post = (server: DashboardServer, path: string) => dashboardRequest(`${server.url}${path.slice(1)}`, { method: 'POST', body: '', headers: { origin: origin(server) } });

describe('the Now page', () => {
  it('shows each post as a chip per channel, times in the stream zone, the exact error and what to do, user text escaped, no secret', async () => {
    const project = await afterFirstTick();
    const server = await serve(project, '2026-11-30T12:05:00Z');
    const page = await dashboardRequest(`${server.url}now`);
    expect(page.status).toBe(200);
    const text = page.text;
    // The stream: its start in its zone, the zone named.
    expect(text).toContain('data-instant="2026-12-01T12:00:00.000Z" data-zone="Asia/Shanghai">2026-12-01 20:00 Asia/Shanghai</span>');
    // Posts by due time, then channel: 1 (hook, T-24h), 2 (outbox, T-24h), 3 (hook, T-3h).
    const outbox = chip(text, 2);
    expect(outbox).toContain('data-state="sent"');
    expect(outbox).toContain('T-24h');
    expect(outbox).toContain('/posts/2/mark-posted');
    expect(outbox).not.toContain('/posts/2/retry');
    const failed = chip(text, 1);
    expect(failed).toContain('data-state="failed"');
    expect(failed).toContain('2026-11-30 20:00 Asia/Shanghai');
    // The channel's error as the daemon stored it, and what to do.
    const stored = new PostStore(openStateDb(project.promoConfig.state)).get(1)!;
    expect(stored.detail).toMatch(/404/);
    expect(failed).toContain(escapeHtml(stored.detail!));
    expect(failed).toContain('Fix what it names');
    expect(failed).toContain('/posts/1/retry');
    expect(failed).toContain('/posts/1/cancel');
    expect(failed).not.toContain('/posts/1/mark-posted');
    const pending = chip(text, 3);
    // The post's place in words, the team's code beside it.
    expect(pending).toContain('<span class="chip-label">3 h before <span class="lead-code muted">T-3h</span></span>');
    expect(outbox).toContain('<span class="chip-label">24 h before <span class="lead-code muted">T-24h</span></span>');
    expect(pending).toContain('/posts/3/cancel');
    expect(pending).not.toContain('/posts/3/retry');
    // The hostile title and text come out as text.
    expect(text).not.toContain('<script>alert');
    expect(text).not.toContain('<img src=x');
    expect(text).not.toContain('" onmouseover="');
    expect(text).toContain(escapeHtml(HOSTILE));
    expect(leaksSecret(text, project)).toBeUndefined();
    expect(leaksSecret((await dashboardRequest(`${server.url}parts/now`)).text, project)).toBeUndefined();
    // The daemon is not running: the banner says so, in red.
    expect(text).toMatch(/class="banner banner-alert" role="alert" data-daemon-state="stopped"/);
  });

  it('retries a failed post once, with the CLI\'s semantics, and the daemon sends it; cancel and mark as posted', async () => {
    const project = await afterFirstTick();
    const server = await serve(project, '2026-11-30T12:05:00Z');
    const retried = await post(server, '/posts/1/retry');
    expect(retried.status).toBe(303);
    expect(retried.headers.location).toBe('/now?done=retried&post=1#post-1');
    const after = await dashboardRequest(`${server.url}now?done=retried&post=1`);
    // Grace (15 min) from the retry, in the stream's zone.
    expect(after.text).toContain('Post #1 is pending again: the daemon sends it at its next tick (until 2026-11-30 20:20 Asia/Shanghai).');
    expect(chip(after.text, 1)).toContain('data-state="pending"');
    // A second click finds it pending: refused, nothing changes.
    const again = await post(server, '/posts/1/retry');
    expect(again.status).toBe(409);
    expect(again.text).toContain('post #1 is pending; only failed, unknown or missed posts can be retried');

    const requests = project.hook.requests;
    const tick = await project.promo('daemon', '--once', '--now', '2026-11-30T12:06:00Z');
    expect(tick.code, tick.stderr).toBe(0);
    expect(project.hook.requests).toBe(requests + 1);
    expect(project.hook.deliveries).toHaveLength(1);
    expect(chip((await dashboardRequest(`${server.url}now`)).text, 1)).toContain('data-state="sent"');

    expect((await post(server, '/posts/2/mark-posted')).status).toBe(303);
    const marked = chip((await dashboardRequest(`${server.url}now`)).text, 2);
    expect(marked).toMatch(/class="state">posted</);
    expect(marked).not.toContain('/posts/2/mark-posted');
    expect((await post(server, '/posts/2/mark-posted')).status).toBe(409);
    // A sent webhook post is not the person's to mark.
    expect((await post(server, '/posts/1/mark-posted')).status).toBe(409);

    expect((await post(server, '/posts/3/cancel')).status).toBe(303);
    expect(chip((await dashboardRequest(`${server.url}now`)).text, 3)).toContain('data-state="cancelled"');
    expect((await post(server, '/posts/3/cancel')).status).toBe(409);
    expect((await post(server, '/posts/99/retry')).status).toBe(409);
    expect((await post(server, '/posts/abc/retry')).status).toBe(409);
  });

  it('offers Retry on missed and unknown posts, Mark as posted on unknown ones, and refuses a retry once the stream has started', async () => {
    const project = await afterFirstTick();
    const db = openStateDb(project.promoConfig.state);
    const store = new PostStore(db);
    // As the daemon settles them (publish-due calls these).
    store.settle(3, 'unknown', 'socket hang up after the request was sent; the post may have been delivered');
    store.settle(1, 'missed', 'not sent within 15 min of its time');
    db.close();
    const before = await serve(project, '2026-12-01T11:00:00Z');
    const page = (await dashboardRequest(`${before.url}now`)).text;
    const unknown = chip(page, 3);
    expect(unknown).toContain('socket hang up after the request was sent');
    expect(unknown).toContain('promo cannot tell whether it went out');
    expect(unknown).toContain('/posts/3/retry');
    expect(unknown).toContain('/posts/3/mark-posted');
    const missed = chip(page, 1);
    expect(missed).toContain('/posts/1/retry');
    expect(missed).toContain('It was not sent in time');

    const started = await serve(project, '2026-12-01T12:00:00Z');
    // The stream has started: not on the Now page any more, and a retry is refused as the CLI refuses it.
    expect((await dashboardRequest(`${started.url}now`)).text).not.toContain('id="post-3"');
    const refused = await post(started, '/posts/3/retry');
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('promo does not announce a stream after it starts');
    expect(new PostStore(openStateDb(project.promoConfig.state)).get(3)!.state).toBe('unknown');
  });

  it('sends posts and daemon events as the state changes, with no secret in them', async () => {
    const project = await afterFirstTick();
    const server = await serve(project, '2026-11-30T12:05:00Z');
    const frames: { event: string; data: string }[] = [];
    const reading = readEvents(`${server.url}events`, (frame) => {
      frames.push(frame);
      return frame.event === 'posts' && (JSON.parse(frame.data) as { changed: { id: number; state: string }[] }).changed.some((p) => p.id === 1 && p.state === 'pending');
    });
    await waitFor(() => frames.some((f) => f.event === 'daemon'), 'the first daemon event');
    expect(JSON.parse(frames.find((f) => f.event === 'daemon')!.data)).toMatchObject({ state: 'stopped' });
    expect((await post(server, '/posts/1/retry')).status).toBe(303);
    await reading;
    const db = openStateDb(project.promoConfig.state);
    expect(acquireDaemonLock(db).ok).toBe(true);
    db.close();
    const running = await readEvents(`${server.url}events`, (frame) => frame.event === 'daemon' && JSON.parse(frame.data).state === 'running');
    const all = [...frames, ...running].map((f) => f.data).join('\n');
    expect(leaksSecret(all, project)).toBeUndefined();
    expect(all).not.toContain('明晚开播');
    const banner = await dashboardRequest(`${server.url}parts/daemon-banner`);
    expect(banner.text).toMatch(/banner-ok[\s\S]*Daemon publishing/);
  });

  it('speaks Chinese to a Chinese browser and as dashboard.lang says', async () => {
    const project = await afterFirstTick();
    const server = await serve(project, '2026-11-30T12:05:00Z');
    const zh = (await dashboardRequest(`${server.url}now`, { headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } })).text;
    expect(zh).toContain('<html lang="zh-Hans">');
    expect(zh).toContain('>重试</button>');
    expect(zh).toContain('守护进程未运行');
    expect(chip(zh, 3)).toContain('<span class="chip-label">开播前3小时 <span class="lead-code muted">T-3h</span></span>');
    const en = (await dashboardRequest(`${server.url}now`, { headers: { 'accept-language': 'de-DE,en;q=0.5' } })).text;
    expect(en).toContain('>Retry</button>');
    const fixed = await serve(project, '2026-11-30T12:05:00Z', 'zh');
    expect((await dashboardRequest(`${fixed.url}now`, { headers: { 'accept-language': 'en' } })).text).toContain('>重试</button>');
  });

  it('shows the first 20 streams, then the later streams\' posts that need a person, then how many more there are', async () => {
    const dir = makeTempDir('promo-dashboard-');
    const config = await loadConfig(undefined, { cwd: dir });
    const db = openStateDb(config.state);
    const store = new PostStore(db);
    const first = Date.parse('2026-12-02T12:00:00Z');
    store.schedule('/project/spec.yaml', Array.from({ length: 25 }, (_, i) => ({
      key: `k${i}`, spec: '/project/spec.yaml', postIndex: 0, channel: 'outbox', occurrence: new Date(first + i * 86_400_000),
      due: new Date(first + i * 86_400_000 - 3 * 3_600_000), local: '2026-12-02 17:00', zone: 'Asia/Shanghai', text: `第 ${i + 1} 场`, stream: { title: `专场 ${i + 1}` },
    })));
    store.settle(25, 'failed', 'HTTP 500 from the channel');
    db.close();
    const server = await startDashboard({ config, port: 0, now: () => new Date('2026-11-30T00:00:00Z') });
    servers.push(server);
    const page = (await dashboardRequest(`${server.url}now`)).text;
    expect(page.match(/<section class="stream">/g)).toHaveLength(21);
    expect(page).toContain('专场 20</h2>');
    expect(page).not.toContain('专场 21</h2>');
    expect(page).toMatch(/Later streams: posts that need a person<\/h2><section class="stream">\s*<h2>专场 25<\/h2>/);
    expect(chip(page, 25)).toContain('HTTP 500 from the channel');
    expect(page).toContain('5 later streams are not shown. <a href="/now?streams=40">Show more</a>');
    expect(page).toContain('data-src="/parts/now?streams=20"');
    const more = (await dashboardRequest(`${server.url}now?streams=40`)).text;
    expect(more.match(/<section class="stream">/g)).toHaveLength(25);
    expect(more).not.toContain('later streams are not shown');
    expect((await dashboardRequest(`${server.url}parts/now?streams=-3`)).text).toContain('data-src="/parts/now?streams=20"');
  });

  it('serves / (to Now), one chip, its script and styles, and the Noto Sans SC font', async () => {
    const project = await makeDashboardProject({ start: '2026-12-01 20:00', scheduleNow: '2026-11-25T00:00:00Z' });
    const server = await serve(project, '2026-11-30T12:05:00Z');
    // One chip, as dashboard.js fetches it when a posts event names it.
    const one = await dashboardRequest(`${server.url}parts/posts/3`);
    expect(one.status).toBe(200);
    expect(one.text).toMatch(/^<article class="chip chip-pending" id="post-3" data-item="posts:3" data-src="\/parts\/posts\/3"/);
    expect((await dashboardRequest(`${server.url}parts/posts/999`)).status).toBe(404);
    expect((await dashboardRequest(`${server.url}parts/posts/x`)).status).toBe(404);
    const root = await dashboardRequest(server.url);
    expect(root.status).toBe(303);
    expect(root.headers.location).toBe('/now');
    const script = await dashboardRequest(`${server.url}assets/dashboard.js`);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.text).toContain("new EventSource('/events')");
    expect((await dashboardRequest(`${server.url}assets/dashboard.css`)).text).toContain("url('/assets/noto-sans-sc-400.ttf')");
    const font = await dashboardRequest(`${server.url}assets/noto-sans-sc-400.ttf`, { method: 'HEAD' });
    expect(font.status).toBe(200);
    expect(font.headers['content-type']).toBe('font/ttf');
    expect(Number(font.headers['content-length'])).toBeGreaterThan(1_000_000);
  });
});

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
