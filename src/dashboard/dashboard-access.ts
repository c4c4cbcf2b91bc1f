// Who may use the dashboard. On loopback anyone on this machine may (as with the CLI); bound to
// any other address every request needs a session: the URL promo prints carries a one-time token
// that the first request exchanges for an HttpOnly, SameSite=Strict cookie. A used token is
// replaced by a new one, announced through `onToken` (printed on the terminal), for the next person.
// A logged-in desktop may also get phone login tokens (the Outbox QR codes): each one single-use,
// for 10 minutes, for one landing path; using it makes a session for the phone and nothing else.
// Tokens and sessions live only in this process's memory, kept as SHA-256 digests (compared in
// constant time); they are never logged by the server, written to the state or sent as an event.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'promo_session';

/** How long a phone login token (a QR code) may be used. */
export const PHONE_TOKEN_SECONDS = 600;
/** Unused phone tokens kept at most (each page view of the outbox issues some): the oldest go first. */
const MAX_PHONE_TOKENS = 2000;

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
  /** The clock phone tokens expire by (ms; default Date.now). */
  now?: () => number;
}

/** A used login token: the new session, and the path it is bound to (a phone token's landing page). */
export interface LoginExchange {
  session: string;
  path?: string;
}

export class DashboardAccess {
  private token = '';
  private readonly sessions = new Set<string>();
  /** Phone token digest (hex) → its landing path and when it expires (ms). */
  private readonly phoneTokens = new Map<string, { path: string; expires: number }>();
  readonly hosts: ReadonlySet<string>;
  readonly origins: ReadonlySet<string>;

  constructor(readonly options: DashboardAccessOptions) {
    this.hosts = new Set(options.hosts.map((h) => h.toLowerCase()));
    this.origins = new Set(options.origins.map((o) => o.toLowerCase()));
    if (options.requireToken) this.rotate();
  }

  /**
   * Exchanges a login token for a new session id: the printed one (then replaced), or a phone token
   * opened at its own `path`, before it expires, once. Undefined: wrong, used or expired.
   */
  exchange(token: string, path: string): LoginExchange | undefined {
    if (!this.options.requireToken) return undefined;
    if (sameSecret(token, this.token)) {
      this.rotate();
      return { session: this.newSession() };
    }
    // Looked up by digest: the map's timing can only tell digests apart, which says nothing of
    // a 192-bit token. Taken out at the first try, right or not: a token is never good twice.
    const key = digest(token).toString('hex');
    const phone = this.phoneTokens.get(key);
    if (!phone) return undefined;
    this.phoneTokens.delete(key);
    if (phone.expires <= this.now() || phone.path !== path) return undefined;
    return { session: this.newSession(), path: phone.path };
  }

  /**
   * A fresh single-use login token for a phone, landing at `path` (an absolute path of this
   * dashboard), for PHONE_TOKEN_SECONDS; only for a request with a live session off loopback
   * (on loopback no login is needed, and without a session nobody gets one).
   */
  issuePhoneToken(cookieHeader: string | undefined, path: string): string | undefined {
    if (!this.options.requireToken || !this.allowed(cookieHeader) || !path.startsWith('/') || path.startsWith('//')) return undefined;
    const now = this.now();
    for (const [key, phone] of this.phoneTokens) if (phone.expires <= now) this.phoneTokens.delete(key);
    while (this.phoneTokens.size >= MAX_PHONE_TOKENS) this.phoneTokens.delete(this.phoneTokens.keys().next().value!);
    const token = randomBytes(24).toString('base64url');
    this.phoneTokens.set(digest(token).toString('hex'), { path, expires: now + PHONE_TOKEN_SECONDS * 1000 });
    return token;
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

  private newSession(): string {
    const session = randomBytes(32).toString('base64url');
    this.sessions.add(digest(session).toString('hex'));
    return session;
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
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
