// The dashboard's gate, before any route runs: the Host must be the dashboard's own (DNS
// rebinding), a session is needed off loopback (401), and anything that changes state must come
// from the dashboard's own pages (Origin, else Sec-Fetch-Site), or it is refused (403): another
// site cannot make a visitor's browser retry or cancel a post.
import type { IncomingMessage } from 'node:http';
import type { DashboardAccess } from './dashboard-access.ts';

export interface Refusal {
  status: 400 | 401 | 403 | 405;
  /** Said to the client; names no secret. */
  reason: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Why `req` is refused, or undefined when it may go on (a login token is dealt with after this). */
export function checkRequest(req: IncomingMessage, access: DashboardAccess, options: { hasLoginToken: boolean }): Refusal | undefined {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!access.hosts.has(host)) return { status: 403, reason: `this dashboard does not answer to the host name ${JSON.stringify(host.slice(0, 100))}` };
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') return { status: 405, reason: `${method} is not used here` };
  if (!SAFE_METHODS.has(method)) {
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    // Browsers send `Origin: null` where the referrer policy hides the origin; then (as with no
    // Origin) only Sec-Fetch-Site, which a page cannot set, can say the request is the page's own.
    const sameOrigin = origin !== undefined && origin !== 'null' ? access.origins.has(origin.toLowerCase()) : site === 'same-origin';
    if (!sameOrigin) return { status: 403, reason: 'changes are accepted only from the dashboard\'s own pages (cross-origin request refused)' };
  }
  // A GET carrying a login token is let through to be exchanged (or refused there).
  if (!access.allowed(req.headers.cookie) && !(options.hasLoginToken && SAFE_METHODS.has(method))) {
    return { status: 401, reason: 'open the login link `promo dashboard` printed (it holds a one-time token)' };
  }
  return undefined;
}
