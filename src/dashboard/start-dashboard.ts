// The dashboard's HTTP server (node:http): binds to 127.0.0.1 unless told otherwise, gates every
// request (checkRequest), exchanges a login token for a session cookie, runs the route of
// dashboard-routes.ts, and feeds the SSE stream from the state (StateWatcher). Pages read through
// the read model and change state only through the functions the CLI calls.
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { PromoConfig } from '../config/config-types.ts';
import { StateReader } from '../read/state-reader.ts';
import { watchQueueChanges } from '../queue/watch-queue-changes.ts';
import { PromoError } from '../util/promo-error.ts';
import { checkRequest } from './check-request.ts';
import { DashboardAccess } from './dashboard-access.ts';
import { dashboardHostNames } from './dashboard-host-names.ts';
import { dashboardPages } from './dashboard-routes.ts';
import type { DashboardPage, DashboardReply, Lang, Messages, RouteContext } from './dashboard-types.ts';
import { EventHub } from './event-hub.ts';
import { html } from './html.ts';
import { makeTranslator } from './make-translator.ts';
import { matchRoute } from './match-route.ts';
import { pickLang } from './pick-lang.ts';
import { readForm } from './read-form.ts';
import { renderDaemonBanner } from './render-daemon-banner.ts';
import { renderPage } from './render-page.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { SafeHtml } from './safe-html.ts';
import { StateWatcher } from './state-watcher.ts';

export interface DashboardOptions {
  config: PromoConfig;
  /** Address to bind (default 127.0.0.1); any other than loopback makes every request need a session. */
  host?: string;
  /** Port (default 8770; 0: any free one). */
  port?: number;
  /** The UI language; default: the browser's (Accept-Language). */
  lang?: Lang;
  /** The address people reach it by through a reverse proxy (https://promo.example.com): its host is accepted, a login is required (as off loopback), cookies get Secure when https. */
  publicUrl?: string;
  /** Closes the server when aborted. */
  signal?: AbortSignal;
  /** The clock pages and feeds judge by (default: the system clock). */
  now?: () => Date;
  /** How often the state files are checked for changes, ms (default 200). */
  pollMs?: number;
  /** Told each new login URL after the first (once one is used, the next person needs another). */
  onLoginUrl?: (url: string) => void;
  /** Told about unexpected errors (answered as 500 without details). */
  onError?: (error: unknown) => void;
  /** The pages served (default: dashboardPages). */
  pages?: readonly DashboardPage[];
}

export interface DashboardServer {
  /** Where it is served (http://127.0.0.1:8770/). */
  url: string;
  /** The port it listens on (the one chosen when asked for 0). */
  port: number;
  /** Off loopback: the first login URL (one-time token); undefined on loopback. */
  loginUrl?: string;
  events: EventHub;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Starts the dashboard; resolves once it listens. */
export async function startDashboard(options: DashboardOptions): Promise<DashboardServer> {
  const host = options.host ?? '127.0.0.1';
  const pages = options.pages ?? dashboardPages;
  const routes = pages.flatMap((page) => page.routes);
  const messages: Messages = Object.assign({}, ...pages.map((page) => page.messages ?? {}));
  const now = options.now ?? (() => new Date());
  const events = new EventHub();
  // Aborted by close(): a re-render followed on the workers is left to them (see clip-renders.ts).
  const lifetime = new AbortController();
  const publicUrl = options.publicUrl === undefined ? undefined : new URL(options.publicUrl);
  let access: DashboardAccess | undefined;
  let base = '';
  const loginUrl = (token: string) => `${publicUrl ? publicUrl.origin : base}/?token=${token}`;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('internal error (see the dashboard\'s log)\n');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const nonce = randomBytes(16).toString('base64');
    setSecurityHeaders(res, nonce);
    const url = new URL(req.url ?? '/', 'http://dashboard.invalid');
    const token = url.searchParams.get('token');
    const refusal = checkRequest(req, access!, { hasLoginToken: token !== null });
    if (refusal) return sendText(res, refusal.status, refusal.reason);
    if (token !== null && (req.method === 'GET' || req.method === 'HEAD')) {
      const session = access!.exchange(token, url.pathname)?.session;
      if (!session) {
        if (!access!.allowed(req.headers.cookie)) return sendText(res, 401, 'this login link was used already, has expired or is wrong: ask for a new one (`promo dashboard` prints one; the Outbox page\'s QR codes carry their own)');
      } else res.setHeader('set-cookie', access!.cookie(session));
      url.searchParams.delete('token');
      const target = /^\/(?!\/)/.test(url.pathname) ? `${url.pathname}${url.search}` : '/';
      if (session) {
        // A login link is usually opened from a chat app, a navigation from another site: a
        // redirect would stay "cross-site" and the browser would not send the SameSite=Strict
        // cookie just set. A page of ours that moves on by itself starts a same-site navigation.
        const page = html`<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${target}"><title>promo</title><p><a href="${target}">promo</a></p>`;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return void res.end(page.text);
      }
      // Off the address bar and out of history: the token was for one use.
      res.writeHead(303, { location: target });
      return void res.end();
    }
    const match = matchRoute(routes, req.method ?? 'GET', url.pathname);
    const lang = pickLang(options.lang, req.headers['accept-language']);
    const t = makeTranslator(lang, messages);
    const ctx: RouteContext = {
      req, res, url, params: match && match !== 'method' ? match.params : {}, lang, t, nonce,
      config: options.config, now, events, closing: lifetime.signal,
      read: (use) => readState(options.config, use),
      form: () => readForm(req),
      phoneLoginToken: (path) => access!.issuePhoneToken(req.headers.cookie, path),
      page: async (page) => ({
        status: page.status,
        html: renderPage({
          title: page.title, lang, body: page.body, nonce, scripts: page.scripts, appName: t('app.name'),
          nav: pages.filter((p) => p.nav).map((p) => ({ path: p.nav!.path, label: t(p.nav!.label), active: p.nav!.path === page.active })),
          banner: renderDaemonBanner(await readState(options.config, (reader) => reader.daemon(now())), t),
        }),
      }),
    };
    if (match === 'method') return sendText(res, 405, `${req.method} is not used at ${url.pathname}`);
    let reply: DashboardReply | undefined;
    try {
      reply = match ? await match.route.handle(ctx) : await ctx.page({ title: t('error.title'), status: 404, body: html`<p>${t('error.notFound')}</p>` });
    } catch (error) {
      if (!(error instanceof PromoError) || res.headersSent) throw error;
      // A refusal a person can act on (the post is no longer failed, the stream has started).
      reply = await ctx.page({
        title: t('error.title'), status: error.code === 'USAGE' ? 409 : 500,
        body: html`<p class="error">${error.message}</p>${error.hint ? html`<p class="hint">${error.hint}</p>` : ''}<p><a href="/now">${t('error.back')}</a></p>`,
      });
    }
    if (reply) send(req, res, reply);
  }

  const watcher = new StateWatcher({ config: options.config, feeds: pages.flatMap((p) => p.feeds ?? []), hub: events, now, pollMs: options.pollMs, onError: options.onError });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8770, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
  // Behind a reverse proxy (publicUrl) the requests come from loopback but the people do not.
  const requireToken = !LOOPBACK.has(host) || publicUrl !== undefined;
  const publicHost = publicUrl ? [publicUrl.host] : [];
  const hosts = dashboardHostNames(host, port, publicHost);
  let first: string | undefined;
  access = new DashboardAccess({
    requireToken,
    hosts,
    origins: [...hosts.map((h) => `http://${h}`), ...(publicUrl ? [publicUrl.origin] : [])],
    secureCookie: publicUrl?.protocol === 'https:',
    now: () => now().getTime(),
    onToken: (token) => {
      if (first === undefined) first = loginUrl(token);
      else options.onLoginUrl?.(loginUrl(token));
    },
  });
  await watcher.start();
  // With the BullMQ backend, jobs and their progress change in Redis, not in the state files.
  const queueWatch = watchQueueChanges(options.config, () => watcher.poke(), (message) => options.onError?.(new Error(message)));
  // What the pages follow from the start (a re-render an earlier dashboard left to the workers),
  // not only once someone opens them. Not waited for: Redis down must not hold the dashboard up;
  // a page that cannot (it is told to onError) still follows them once opened.
  const started = { config: options.config, now, events, closing: lifetime.signal, read: <T>(use: (reader: StateReader) => T | Promise<T>) => readState(options.config, use) };
  for (const page of pages) void page.start?.(started).catch((error: unknown) => options.onError?.(error));

  let closing: Promise<void> | undefined;
  const close = () => closing ??= Promise.all([Promise.resolve(lifetime.abort()), queueWatch.close(), new Promise<void>((resolve) => {
    watcher.stop();
    events.close();
    server.close(() => resolve());
    server.closeAllConnections();
  })]).then(() => undefined);
  options.signal?.addEventListener('abort', () => void close(), { once: true });
  const shown = host === '0.0.0.0' || host === '::' ? `http://127.0.0.1:${port}` : base;
  return { url: `${publicUrl ? publicUrl.origin : shown}/`, port, loginUrl: requireToken ? first : undefined, events, close };
}

async function readState<T>(config: PromoConfig, use: (reader: StateReader) => T | Promise<T>): Promise<T> {
  const reader = StateReader.open(config);
  try {
    return await use(reader);
  } finally {
    await reader.close();
  }
}

function send(req: IncomingMessage, res: ServerResponse, reply: DashboardReply): void {
  if (reply.redirect !== undefined) {
    // Same-origin paths only: a redirect never leaves the dashboard.
    const location = reply.redirect.startsWith('/') && !reply.redirect.startsWith('//') ? reply.redirect : '/';
    res.writeHead(303, { ...reply.headers, location });
    return void res.end();
  }
  let body: string | Buffer = '';
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.html instanceof SafeHtml) {
    body = reply.html.text;
    headers['content-type'] ??= 'text/html; charset=utf-8';
  } else if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  } else if (reply.body !== undefined) body = reply.body;
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(reply.status ?? 200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}
