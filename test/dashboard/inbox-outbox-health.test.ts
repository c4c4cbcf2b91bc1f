// The Inbox, Outbox and Health pages on a real dashboard over loopback, fed by the real watcher
// (`runWatch --once`), `promo schedule` and `promo daemon --once`: failed files with their notes
// and Retry (back into the inbox), the outbox post's phone page with its QR code and Mark as posted
// (once), health with no secret in it; user text escaped everywhere.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardServer } from '../../src/dashboard/start-dashboard.ts';
import { openStateDb } from '../../src/store/open-state-db.ts';
import { WaitingFileStore } from '../../src/store/waiting-file-store.ts';
import { processOwner } from '../../src/util/process-owner.ts';
import { runCli } from '../helpers/spec-dir.ts';
import { dashboardRequest } from './dashboard-request.ts';
import { HOSTILE, makeMediaWorld, populateWorld, POST_DUE, serveMediaPages, type MediaWorld } from './media-pages-fixture.ts';

let world: MediaWorld;
const servers: DashboardServer[] = [];
beforeAll(async () => {
  world = await makeMediaWorld();
  await populateWorld(world);
}, 300_000);
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(): Promise<DashboardServer> {
  const server = await serveMediaPages(world, { now: () => new Date(Date.parse(POST_DUE) + 60_000) });
  servers.push(server);
  return server;
}

const post = (server: DashboardServer, path: string) =>
  dashboardRequest(`${server.url}${path.replace(/^\//, '')}`, { method: 'POST', headers: { origin: server.url.slice(0, -1) }, body: '' });

describe('Inbox page', () => {
  it('shows a waiting file with its reason, the failed file with its note (escaped), the done job; Retry puts the file back once', async () => {
    const db = openStateDb(world.config.state);
    try {
      new WaitingFileStore(db).set({ inbox: world.inbox, fileName: 'copying.mp4', size: 1000, reason: "the 'mdat' box needs 4 071 204 bytes (still copying?)", since: new Date().toISOString(), giveUpAt: new Date(Date.now() + 3_600_000).toISOString(), owner: processOwner() });
    } finally {
      db.close();
    }
    const server = await serve();
    const page = await dashboardRequest(`${server.url}inbox`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('copying.mp4');
    expect(page.text).toContain('the &#39;mdat&#39; box needs 4 071 204 bytes (still copying?)');
    expect(page.text).toContain('NOPE-999 &lt;b&gt;.mp4');
    expect(page.text).not.toContain('NOPE-999 <b>');
    // The note says why: the name matches no product of the spec.
    expect(page.text).toMatch(/<p class="chip-detail">[^<]*TEA-001/);
    expect(page.text).toMatch(/<span class="chip-label">TEA-001\.mp4<\/span><span class="state">done<\/span>/);
    const action = /<form method="post" action="(\/inbox\/[0-9a-f]{20}\/failed\/[0-9a-f]{20}\/retry)"/.exec(page.text)![1]!;
    expect((await dashboardRequest(`${server.url}${action.slice(1)}`, { method: 'POST', headers: { origin: 'https://evil.example' }, body: '' })).status).toBe(403);
    const retried = await post(server, action);
    expect(retried.status).toBe(303);
    expect(await readdir(world.inbox)).toContain('NOPE-999 <b>.mp4');
    expect((await readdir(join(world.inbox, 'failed'))).filter((name) => name.startsWith('NOPE'))).toEqual([]);
    // The same retry again: the file is no longer in failed/.
    const again = await post(server, action);
    expect(again.status).toBe(409);
    expect(again.text).toContain('no longer there');
    expect((await post(server, '/inbox/0000000000aaaaaaaaaa/failed/0000000000aaaaaaaaaa/retry')).status).toBe(409);
  });
});

describe('Outbox pages', () => {
  it('lists the due outbox post with a QR code to its phone page; the phone page has the video, the text to copy and the cover', async () => {
    const server = await serve();
    const list = await dashboardRequest(`${server.url}outbox`);
    expect(list.status).toBe(200);
    expect(list.text).not.toContain('<script>alert');
    expect(list.text).toContain('明晚八点开播 &lt;script&gt;alert(1)&lt;/script&gt;');
    const id = /href="\/outbox\/([0-9a-f]{20})"/.exec(list.text)![1]!;
    expect(list.text).toMatch(/<svg role="img" aria-label="[^"]+" class="qr" xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
    const phone = await dashboardRequest(`${server.url}outbox/${id}`);
    expect(phone.status).toBe(200);
    expect(phone.text).toMatch(/<video class="phone-video" controls playsinline preload="metadata" src="\/media\/[0-9a-f]{20}" poster="\/media\/[0-9a-f]{20}"><\/video>/);
    expect(phone.text).toMatch(/<textarea class="copy-source" id="text-[0-9a-f]+" readonly rows="6">明晚八点开播 &lt;script&gt;/);
    expect(phone.text).toContain('data-copy="text-');
    expect(phone.text).toContain('/assets/outbox.js');
    const video = /src="(\/media\/[0-9a-f]{20})"/.exec(phone.text)![1]!;
    const served = await fetch(`${server.url.slice(0, -1)}${video}`, { headers: { range: 'bytes=0-3' } });
    expect(served.status).toBe(206);
    expect(served.headers.get('content-type')).toBe('video/mp4');
    expect((await dashboardRequest(`${server.url}outbox/0000000000aaaaaaaaaa`)).status).toBe(409);
  });

  it('Mark as posted marks the stored post as the CLI does, once; the page then says so and offers it no more', async () => {
    const server = await serve();
    const id = /href="\/outbox\/([0-9a-f]{20})"/.exec((await dashboardRequest(`${server.url}outbox`)).text)![1]!;
    expect((await dashboardRequest(`${server.url}outbox/${id}/posted`, { method: 'POST', headers: { origin: 'https://evil.example' }, body: '' })).status).toBe(403);
    const marked = await post(server, `/outbox/${id}/posted`);
    expect(marked.status).toBe(303);
    const listed = await runCli(['posts', '--json', '--config', join(world.dir, 'config.yaml')], { cwd: world.dir });
    const posts = JSON.parse(listed.stdout) as { channel: string; state: string; detail?: string }[];
    expect(posts.find((p) => p.channel === 'xhs')).toMatchObject({ state: 'sent', detail: expect.stringMatching(/^posted \(a person confirmed it/) });
    const phone = await dashboardRequest(`${server.url}outbox/${id}`);
    expect(phone.text).toContain('Marked as posted.');
    expect(phone.text).not.toContain(`action="/outbox/${id}/posted"`);
    const twice = await post(server, `/outbox/${id}/posted`);
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('marked as posted already');
  });
});

describe('live regions', () => {
  it('answers each page\'s region as a fragment (what the page fetches on an SSE event), and refuses unknown ids', async () => {
    const server = await serve();
    const clips = (await dashboardRequest(`${server.url}clips`)).text;
    const tiles = /data-src="(\/parts\/clips\/[0-9a-f]{20}\/TEA-001)"/.exec(clips)![1]!;
    const id = /href="\/outbox\/([0-9a-f]{20})"/.exec((await dashboardRequest(`${server.url}outbox`)).text)![1]!;
    for (const [path, start] of [[tiles, '<div class="tiles"'], ['/parts/inbox', '<div id="inbox"'], ['/parts/outbox', '<div id="outbox"'], [`/parts/outbox/${id}`, '<div class="phone-post"'], ['/parts/health', '<div id="health"']] as const) {
      const part = await dashboardRequest(`${server.url}${path.slice(1)}`);
      expect(part.status, path).toBe(200);
      expect(part.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(part.text.startsWith(start), path).toBe(true);
      expect(part.text, path).not.toContain('<html');
    }
    expect((await dashboardRequest(`${server.url}${tiles.slice(1).replace('TEA-001', 'NOPE')}`)).status).toBe(404);
    expect((await dashboardRequest(`${server.url}parts/clips/0000000000aaaaaaaaaa/TEA-001`)).status).toBe(404);
    expect((await dashboardRequest(`${server.url}parts/outbox/0000000000aaaaaaaaaa`)).status).toBe(409);
  });
});

describe('Health page', () => {
  it('shows promo\'s version, ffmpeg and its features, disk space, the channel missing its secret by variable name, and no secret', async () => {
    const server = await serve();
    const page = await dashboardRequest(`${server.url}health`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/promo \d+\.\d+\.\d+/);
    expect(page.text).toMatch(/ffmpeg [^\s<]+ \((bundled|from config\.yaml)\)/);
    expect(page.text).toContain('libx264');
    expect(page.text).toMatch(/Output folder<\/strong> <code>[^<]+\/out<\/code><br>\s*[\d.]+ [GM]B free of [\d.]+ [GM]B/);
    expect(page.text).toContain('secret: the environment variable PROMO_TEST_WEBHOOK_SECRET is not set where promo runs');
    expect(page.text).not.toContain('hooks.example.com');
    expect(page.text).not.toContain('c2VjcmV0LWNhbmFyeS0xMjM');
    expect(page.text).not.toContain(HOSTILE);
  });
});
