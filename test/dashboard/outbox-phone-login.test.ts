// The Outbox QR code logs a phone in where the dashboard needs a login (off 127.0.0.1): decoded
// from the rendered SVG (rasterized by sharp, read by jsQR as a camera would), it is the post's
// phone page with a fresh one-time token that gives the phone its own session cookie once; a
// second use, a use after 10 minutes (the dashboard's injectable clock, no sleeping) or at another
// path is refused. A request without a session gets no token (401), a loopback dashboard's code
// carries none; the token is never in an event, the state database or the main login rotation.
import { readFileSync, existsSync } from 'node:fs';
import jsQRModule from 'jsqr';
import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PHONE_TOKEN_SECONDS } from '../../src/dashboard/dashboard-access.ts';
import { dashboardPages } from '../../src/dashboard/dashboard-routes.ts';
import { startDashboard, type DashboardServer } from '../../src/dashboard/start-dashboard.ts';
import { dashboardRequest, readEvents } from './dashboard-request.ts';
import { makeMediaWorld, populateWorld, POST_DUE, type MediaWorld } from './media-pages-fixture.ts';

let world: MediaWorld;
const servers: DashboardServer[] = [];
beforeAll(async () => {
  world = await makeMediaWorld();
  await populateWorld(world);
}, 300_000);
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

// jsqr is CommonJS whose typings say `export default`: Node hands ESM its module.exports, the function.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/** The URL in the first QR code of `page`, read from its pixels. */
async function decodeQr(page: string): Promise<string> {
  const svg = /<svg role="img"[^>]*class="qr"[\s\S]*?<\/svg>/.exec(page)?.[0];
  expect(svg, 'a QR code on the page').toBeDefined();
  const { data, info } = await sharp(Buffer.from(svg!), { density: 300 }).flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const code = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
  expect(code, 'the QR code decodes').not.toBeNull();
  return code!.data;
}

describe('Outbox QR code on a phone', () => {
  it('carries a one-time, 10-minute login for that post\'s phone page, to a logged-in desktop only', async () => {
    let clock = Date.parse(POST_DUE) + 60_000;
    const rotated: string[] = [];
    const server = await startDashboard({ config: world.config, host: '127.0.0.2', port: 0, lang: 'en', pollMs: 100, now: () => new Date(clock), pages: dashboardPages, onLoginUrl: (url) => rotated.push(url) });
    servers.push(server);
    // Without a session: no page, so no token.
    expect((await dashboardRequest(`${server.url}outbox`)).status).toBe(401);
    expect((await dashboardRequest(`${server.url}parts/outbox`)).status).toBe(401);
    const desktop = String((await dashboardRequest(server.loginUrl!)).headers['set-cookie']).split(';')[0]!;
    rotated.length = 0;
    const outbox = async () => (await dashboardRequest(`${server.url}outbox`, { headers: { cookie: desktop } })).text;

    const list = await outbox();
    const scanned = new URL(await decodeQr(list));
    const id = /href="\/outbox\/([0-9a-f]{20})"/.exec(list)![1]!;
    expect(scanned.origin).toBe(server.url.slice(0, -1));
    expect(scanned.pathname).toBe(`/outbox/${id}`);
    const token = scanned.searchParams.get('token')!;
    expect(token).toMatch(/^[\w-]{32}$/);
    // Only in the code's modules, not as text anywhere on the page.
    expect(list).not.toContain(token);

    // The phone opens it: its own session, landing on the post's phone page.
    const login = await dashboardRequest(scanned.href);
    expect(login.status).toBe(200);
    expect(login.text).toContain(`<meta http-equiv="refresh" content="0;url=/outbox/${id}">`);
    const phone = String(login.headers['set-cookie']).split(';')[0]!;
    expect(String(login.headers['set-cookie'])).toMatch(/^promo_session=[\w-]+; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(phone).not.toBe(desktop);
    const phonePage = await dashboardRequest(`${server.url}outbox/${id}`, { headers: { cookie: phone } });
    expect(phonePage.status).toBe(200);
    expect(phonePage.text).toContain(`action="/outbox/${id}/posted"`);
    // The printed login link is not spent by it.
    expect(rotated).toEqual([]);

    // Once only.
    const again = await dashboardRequest(scanned.href);
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();

    // Each view of the page issues fresh codes; one older than 10 minutes is refused.
    const late = new URL(await decodeQr(await outbox()));
    expect(late.searchParams.get('token')).not.toBe(token);
    clock += PHONE_TOKEN_SECONDS * 1000 + 1;
    expect((await dashboardRequest(late.href)).status).toBe(401);

    // Bound to its landing page: at another path it logs nobody in (and is spent).
    const other = new URL(await decodeQr(await outbox()));
    expect((await dashboardRequest(`${server.url}now?token=${other.searchParams.get('token')}`)).status).toBe(401);
    expect((await dashboardRequest(other.href)).status).toBe(401);

    // Never in an event (the stream a logged-in page reads) nor in the state database.
    const fresh = new URL(await decodeQr(await outbox())).searchParams.get('token')!;
    const frames = JSON.stringify(await readEvents(`${server.url}events`, (frame) => frame.event === 'outbox', { cookie: desktop }));
    for (const t of [token, fresh]) {
      expect(frames).not.toContain(t);
      for (const file of [world.config.state, `${world.config.state}-wal`]) if (existsSync(file)) expect(readFileSync(file).includes(t)).toBe(false);
    }
  });

  it('on 127.0.0.1 (no login needed) the code is the plain phone page address', async () => {
    const server = await startDashboard({ config: world.config, port: 0, lang: 'en', pollMs: 100, now: () => new Date(Date.parse(POST_DUE) + 60_000), pages: dashboardPages });
    servers.push(server);
    const list = (await dashboardRequest(`${server.url}outbox`)).text;
    const scanned = new URL(await decodeQr(list));
    expect(scanned.search).toBe('');
    expect(scanned.pathname).toMatch(/^\/outbox\/[0-9a-f]{20}$/);
  });
});
