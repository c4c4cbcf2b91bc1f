// The dashboard's gate on a real server over loopback: Host refusal (DNS rebinding), same-origin
// POSTs only, the one-time login token off 127.0.0.1 (401 without it), and the strict CSP.
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { startDashboard, type DashboardServer } from '../../src/dashboard/start-dashboard.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { dashboardRequest } from './dashboard-request.ts';

const servers: DashboardServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(options: { host?: string; onLoginUrl?: (url: string) => void } = {}): Promise<DashboardServer> {
  const dir = makeTempDir('promo-dashboard-');
  const config = await loadConfig(undefined, { cwd: dir });
  const server = await startDashboard({ config, port: 0, ...options });
  servers.push(server);
  return server;
}

describe('dashboard security', () => {
  it('binds to 127.0.0.1 by default and answers only to its own host names', async () => {
    const server = await serve();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.loginUrl).toBeUndefined();
    const port = new URL(server.url).port;
    expect((await dashboardRequest(`${server.url}now`)).status).toBe(200);
    expect((await dashboardRequest(`${server.url}now`, { headers: { host: `localhost:${port}` } })).status).toBe(200);
    // A name rebound to 127.0.0.1 by an attacker's DNS.
    const rebound = await dashboardRequest(`${server.url}now`, { headers: { host: `attacker.example:${port}` } });
    expect(rebound.status).toBe(403);
    expect(rebound.text).toContain('does not answer to the host name');
    expect((await dashboardRequest(`${server.url}now`, { headers: { host: 'localhost:1' } })).status).toBe(403);
  });

  it('sends a strict CSP: scripts only with the nonce, nothing from elsewhere, no framing', async () => {
    const server = await serve();
    const page = await dashboardRequest(`${server.url}now`);
    const csp = String(page.headers['content-security-policy']);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    // Every script of the page carries this response's nonce and comes from /assets.
    const scripts = [...page.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(new RegExp(`src="/assets/[a-z-]+\\.js" nonce="${nonce!.replace(/[+/=]/g, '\\$&')}"`));
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    const other = await dashboardRequest(`${server.url}now`);
    expect(/script-src 'nonce-([^']+)'/.exec(String(other.headers['content-security-policy']))?.[1]).not.toBe(nonce);
  });

  it('refuses a state change from another origin (403), and one without Origin unless Sec-Fetch-Site is same-origin', async () => {
    const server = await serve();
    const origin = server.url.replace(/\/$/, '');
    const post = (headers: Record<string, string>) => dashboardRequest(`${server.url}posts/1/cancel`, { method: 'POST', body: '', headers });
    expect((await post({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({})).status).toBe(403);
    expect((await post({ origin: 'null' })).status).toBe(403);
    expect((await post({ origin: 'null', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post({ origin: 'null', 'sec-fetch-site': 'same-origin' })).status).not.toBe(403);
    // Same origin passes the gate (the post does not exist: the page says so, 409).
    expect((await post({ origin })).status).not.toBe(403);
    expect((await post({ 'sec-fetch-site': 'same-origin' })).status).not.toBe(403);
  });

  it('off 127.0.0.1 needs the one-time login link: 401 without it, a session cookie after it, the link used once', async () => {
    const fresh: string[] = [];
    // 127.0.0.2 is a loopback address too, but not 127.0.0.1: promo treats it as "exposed".
    const server = await serve({ host: '127.0.0.2', onLoginUrl: (url) => fresh.push(url) });
    expect(server.loginUrl).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/\?token=[\w-]{20,}$/);
    const denied = await dashboardRequest(`${server.url}now`);
    expect(denied.status).toBe(401);
    expect(denied.text).toContain('login link');
    expect((await dashboardRequest(`${server.url}events`)).status).toBe(401);
    expect((await dashboardRequest(`${server.url}assets/dashboard.js`)).status).toBe(401);
    expect((await dashboardRequest(`${server.url}?token=wrong`)).status).toBe(401);

    const login = await dashboardRequest(server.loginUrl!);
    // A page that moves on by itself (same-site), not a redirect (see start-dashboard.ts).
    expect(login.status).toBe(200);
    expect(login.text).toContain('<meta http-equiv="refresh" content="0;url=/">');
    expect(login.text).not.toContain('token');
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/^promo_session=[\w-]+; Path=\/; HttpOnly; SameSite=Strict$/);
    const session = cookie.split(';')[0]!;
    const page = await dashboardRequest(`${server.url}now`, { headers: { cookie: session } });
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(new URL(server.loginUrl!).searchParams.get('token')!);

    // Used once: the same link no longer logs in; the next person gets the new one.
    expect((await dashboardRequest(server.loginUrl!)).status).toBe(401);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).not.toBe(server.loginUrl);
    expect((await dashboardRequest(fresh[0]!)).status).toBe(200);
    expect((await dashboardRequest(`${server.url}now`, { headers: { cookie: 'promo_session=forged' } })).status).toBe(401);
  });

  it('behind a reverse proxy (a public URL) needs the login even on 127.0.0.1, answers to the public host, and marks the cookie Secure', async () => {
    const dir = makeTempDir('promo-dashboard-');
    const config = await loadConfig(undefined, { cwd: dir });
    const server = await startDashboard({ config, port: 0, publicUrl: 'https://promo.example.com' });
    servers.push(server);
    expect(server.url).toBe('https://promo.example.com/');
    expect(server.loginUrl).toMatch(/^https:\/\/promo\.example\.com\/\?token=[\w-]{20,}$/);
    const direct = (path: string, headers: Record<string, string> = {}) => dashboardRequest(`http://127.0.0.1:${server.port}${path}`, { headers: { host: 'promo.example.com', ...headers } });
    expect((await direct('/now')).status).toBe(401);
    const login = await direct(new URL(server.loginUrl!).pathname + new URL(server.loginUrl!).search);
    expect(login.status).toBe(200);
    expect(String(login.headers['set-cookie'])).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    expect((await direct('/now', { cookie: String(login.headers['set-cookie']).split(';')[0]! })).status).toBe(200);
  });

  it('answers 404 for unknown paths and 405 for unknown methods, with the headers still set', async () => {
    const server = await serve();
    const missing = await dashboardRequest(`${server.url}nothing-here`);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-security-policy']).toBeTruthy();
    expect((await dashboardRequest(`${server.url}now`, { method: 'PUT', headers: { origin: server.url.replace(/\/$/, '') } })).status).toBe(405);
    expect((await dashboardRequest(`${server.url}assets/..%2Fstart-dashboard.ts`)).status).toBe(404);
    expect((await dashboardRequest(`${server.url}assets/start-dashboard.ts`)).status).toBe(404);
  });
});
