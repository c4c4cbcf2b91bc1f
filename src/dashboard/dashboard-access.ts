// Who may use the dashboard. On loopback anyone on this machine may (as with the CLI); bound to
// any other address every request needs a session: the URL promo prints carries a one-time token
// that the first request exchanges for an HttpOnly, SameSite=Strict cookie. A used token is
// replaced by a new one, announced through `onToken` (printed on the terminal), for the next person.
// Tokens and sessions live only in this process's memory and are compared as SHA-256 digests in
// constant time; they are never logged by the server, written to the state or shown in a page.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'promo_session';

export interface DashboardAccessOptions {
  /** Every request needs a session (the dashboard is not bound to loopback). */
  requireToken: boolean;
  /** Host header values this dashboard answers to (`name:port`). */
  hosts: readonly string[];
  /** Origins state-changing requests may come from (`http://name:port`). */
  origins: readonly string[];
  /** Mark the cookie Secure (served behind HTTPS). */
  secureCookie: boolean;
  /** Called with each new login token (the first one, and after each use). */
  onToken?: (token: string) => void;
}

export class DashboardAccess {
  private token = '';
  private readonly sessions = new Set<string>();
  readonly hosts: ReadonlySet<string>;
  readonly origins: ReadonlySet<string>;

  constructor(readonly options: DashboardAccessOptions) {
    this.hosts = new Set(options.hosts.map((h) => h.toLowerCase()));
    this.origins = new Set(options.origins.map((o) => o.toLowerCase()));
    if (options.requireToken) this.rotate();
  }

  /** Exchanges a login token for a new session id (undefined: wrong or used token). */
  exchange(token: string): string | undefined {
    if (!this.options.requireToken || !sameSecret(token, this.token)) return undefined;
    const session = randomBytes(32).toString('base64url');
    this.sessions.add(digest(session).toString('hex'));
    this.rotate();
    return session;
  }

  /** Whether the request's Cookie header holds a live session (always true on loopback). */
  allowed(cookieHeader: string | undefined): boolean {
    if (!this.options.requireToken) return true;
    const session = readCookie(cookieHeader, SESSION_COOKIE);
    return session !== undefined && this.sessions.has(digest(session).toString('hex'));
  }

  /** The Set-Cookie value for a new session. */
  cookie(session: string): string {
    return `${SESSION_COOKIE}=${session}; Path=/; HttpOnly; SameSite=Strict${this.options.secureCookie ? '; Secure' : ''}`;
  }

  private rotate(): void {
    this.token = randomBytes(24).toString('base64url');
    this.options.onToken?.(this.token);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function sameSecret(given: string, expected: string): boolean {
  return expected !== '' && timingSafeEqual(digest(given), digest(expected));
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
