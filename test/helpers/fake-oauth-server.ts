// A loopback stand-in for a platform's OAuth 2.0 service (authorize page, token endpoint) that
// checks what the real ones check (research/uploads.md section 10): client id and secret, a
// loopback redirect URI with a port and the exact same URI at the exchange, `state` carried
// through, the PKCE verifier against the challenge (S256: base64url digest; S256-hex: TikTok's
// hex digest), authorization codes used once, refresh tokens (rotated ones: the old one refused),
// and access-token expiry for the API side (`checkBearer`, 401 when expired or unknown).
// Platform fakes mount their API routes here with `route()`, or call `checkAccessToken` from
// their own server. The "browser" is the test: GET `authorizeUrl`, follow the 302 it answers.
import { createHash, randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOAuthOptions {
  authorizePath: string;
  tokenPath: string;
  /** Where refreshes go when not `tokenPath`. */
  refreshPath?: string;
  /**
   * The exact parameters a refresh takes, when the service documents them (Douyin's
   * oauth/refresh_token/: client_key, grant_type, refresh_token, no client secret): a refresh
   * missing one is refused (`invalid_request`, Douyin's 10005), one carrying any other (the client
   * secret above all) too. Absent: the client id and secret are checked as for the code exchange.
   */
  refreshParams?: readonly string[];
  clientIdParam?: string;
  clientSecretParam?: string;
  clientId?: string;
  clientSecret?: string;
  pkce: 'S256' | 'S256-hex' | 'none';
  rotatesRefreshToken?: boolean;
  /** Seconds an access token lives (default 3600). */
  accessTtlSeconds?: number;
  /** Seconds a refresh token lives (absent: until revoked). */
  refreshTtlSeconds?: number;
  /** Scopes granted (default: those asked for), joined in answers with `scopeSeparator`. */
  grantScopes?: string[];
  scopeSeparator?: ' ' | ',';
  /** The account the tokens are for (TikTok `open_id`), put in the answer by the default `answer`. */
  accountId?: string;
  /** Authorize parameters the service insists on (Google: `access_type: 'offline'`). */
  requireAuthorizeParams?: Record<string, string>;
  /** Whether the service gives a refresh token at all (Instagram: none). Default true. */
  issuesRefreshTokens?: boolean;
  /**
   * Douyin's refresh-token renewal: `POST path` with the client id and a live refresh token answers
   * a new one (`ttlSeconds`) and retires the old; after `maxRenewals` in a row it answers 10020,
   * for an expired or unknown token 10010 (Douyin's `data` envelope either way).
   */
  renew?: { path: string; ttlSeconds: number; maxRenewals: number };
  /** Facebook Login: a GET that trades a live short-lived access token for a long-lived one. */
  exchange?: { path: string; grantType: string; tokenParam: string; ttlSeconds: number };
  /** Shapes a token answer as the platform does (default: flat JSON as Google and TikTok answer). */
  answer?: (issued: IssuedTokens) => unknown;
  /** Shapes a refusal (default: HTTP 400 `{ error, error_description }`). */
  refusal?: (error: string, description: string) => { status: number; body: unknown };
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken?: string;
  expiresIn: number;
  refreshExpiresIn?: number;
  scope: string;
  accountId?: string;
}

export interface TokenCall {
  grant: string;
  ok: boolean;
  /** Why it was refused. */
  reason?: string;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;

export interface FakeOAuth {
  /** Base URL: what a channel's `api:` is set to. */
  url: string;
  options: FakeOAuthOptions & { clientId: string; clientSecret: string };
  /** Authorize requests, accepted or not. */
  authorizations: { query: Record<string, string>; ok: boolean; reason?: string }[];
  tokenCalls: TokenCall[];
  /** Every token-endpoint request (refreshes and renewals too): its path and the names of the parameters it carried, in order. */
  tokenRequests: { path: string; params: string[] }[];
  /** Sets what the next authorize request answers: approve (default) or the user's "deny". */
  consent: 'approve' | 'deny';
  /** Answers `method path` (exact path, query ignored) with `handler`. */
  route(method: string, path: string, handler: RouteHandler): void;
  /** Whether a request's `Authorization: Bearer` token is a live access token; answers 401 itself when not (and returns false). */
  checkBearer(req: IncomingMessage, res?: ServerResponse): boolean;
  /** Whether `token` is a live access token (for services that take it in a header of their own or the query). */
  checkAccessToken(token: string | undefined): { ok: true; scope: string } | { ok: false; reason: string };
  /** Ends every access token's life now: the API answers 401 until the client refreshes. */
  expireAccessTokens(): void;
  /** The service revokes every refresh token (a user removing the app): refreshes are refused. */
  revokeRefreshTokens(): void;
  /** Tokens as if a user had just consented, without the browser: for tests that need a connected account. */
  grant(scope?: string): IssuedTokens;
  /** Refresh tokens ever issued and whether each still works. */
  refreshTokens(): { token: string; live: boolean }[];
  /** Sets when the service ends refresh token `token` (a token issued days ago, without waiting for them). */
  endRefreshTokenAt(token: string, at: Date): void;
  close(): Promise<void>;
}

interface Code { redirectUri: string; challenge?: string; scope: string; used: boolean }

/** Starts the fake on 127.0.0.1 (a random port). */
export async function startFakeOAuth(input: FakeOAuthOptions): Promise<FakeOAuth> {
  const options = { clientIdParam: 'client_id', clientSecretParam: 'client_secret', clientId: 'test-client-id', clientSecret: 'test-client-secret-9f3b', ...input };
  const accessTtl = options.accessTtlSeconds ?? 3600;
  const codes = new Map<string, Code>();
  const access = new Map<string, { expires: number; scope: string }>();
  const refresh = new Map<string, { live: boolean; expires?: number; scope: string; renewals?: number }>();
  const routes = new Map<string, RouteHandler>();
  const separator = options.scopeSeparator ?? ' ';

  const issue = (scope: string): IssuedTokens => {
    const accessToken = `at-${randomBytes(12).toString('hex')}`;
    access.set(accessToken, { expires: Date.now() + accessTtl * 1000, scope });
    let refreshToken: string | undefined;
    if (options.issuesRefreshTokens !== false) {
      refreshToken = `rt-${randomBytes(12).toString('hex')}`;
      refresh.set(refreshToken, { live: true, scope, expires: options.refreshTtlSeconds === undefined ? undefined : Date.now() + options.refreshTtlSeconds * 1000 });
    }
    return { accessToken, refreshToken, expiresIn: accessTtl, refreshExpiresIn: options.refreshTtlSeconds, scope, accountId: options.accountId };
  };
  const answer = options.answer ?? ((t: IssuedTokens) => ({
    access_token: t.accessToken, expires_in: t.expiresIn, token_type: 'Bearer', scope: t.scope,
    ...(t.refreshToken ? { refresh_token: t.refreshToken } : {}),
    ...(t.refreshExpiresIn !== undefined ? { refresh_expires_in: t.refreshExpiresIn } : {}),
    ...(t.accountId ? { open_id: t.accountId } : {}),
  }));
  const refusal = options.refusal ?? ((error: string, description: string) => ({ status: 400, body: { error, error_description: description } }));

  const fake: FakeOAuth = {
    url: '',
    options,
    authorizations: [],
    tokenCalls: [],
    tokenRequests: [],
    consent: 'approve',
    route: (method, path, handler) => { routes.set(`${method.toUpperCase()} ${path}`, handler); },
    checkAccessToken(token) {
      if (!token) return { ok: false, reason: 'no access token' };
      const known = access.get(token);
      if (!known) return { ok: false, reason: 'unknown access token' };
      if (known.expires <= Date.now()) return { ok: false, reason: 'access token expired' };
      return { ok: true, scope: known.scope };
    },
    checkBearer(req, res) {
      const header = req.headers.authorization ?? '';
      const token = /^Bearer (\S+)$/.exec(header)?.[1];
      const checked = fake.checkAccessToken(token);
      if (checked.ok) return true;
      if (res) {
        res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer error="invalid_token"' });
        res.end(JSON.stringify({ error: { code: 401, message: `Request had invalid authentication credentials (${checked.reason}).`, status: 'UNAUTHENTICATED' } }));
      }
      return false;
    },
    expireAccessTokens() {
      for (const token of access.values()) token.expires = 0;
    },
    revokeRefreshTokens() {
      for (const token of refresh.values()) token.live = false;
    },
    grant: (scope) => issue(scope ?? (options.grantScopes ?? []).join(separator)),
    refreshTokens: () => [...refresh].map(([token, state]) => ({ token, live: state.live })),
    endRefreshTokenAt(token, at) {
      const known = refresh.get(token);
      if (!known) throw new Error('endRefreshTokenAt: not a refresh token this fake issued');
      known.expires = at.getTime();
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };

  function authorize(url: URL, res: ServerResponse): void {
    const query = Object.fromEntries(url.searchParams);
    const refuse = (reason: string) => {
      fake.authorizations.push({ query, ok: false, reason });
      // The real services show an error page to the user; nothing goes to the redirect URI.
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`authorization refused: ${reason}`);
    };
    if (query[options.clientIdParam] !== options.clientId) return refuse(`unknown ${options.clientIdParam}`);
    if (query.response_type !== 'code') return refuse('response_type must be code');
    let redirect: URL;
    try {
      redirect = new URL(query.redirect_uri ?? '');
    } catch {
      return refuse('redirect_uri is not a URL');
    }
    // RFC 8252 section 7.3: a loopback IP literal (or localhost) with a port, over http.
    if (redirect.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(redirect.hostname) || redirect.port === '') {
      return refuse('redirect_uri must be http://127.0.0.1:PORT/...');
    }
    if (redirect.search || redirect.hash) return refuse('redirect_uri may not carry a query or fragment');
    if (!query.state) return refuse('state is missing');
    if (!query.scope) return refuse('scope is missing');
    for (const [name, value] of Object.entries(options.requireAuthorizeParams ?? {})) {
      if (query[name] !== value) return refuse(`${name} must be ${value}`);
    }
    let challenge: string | undefined;
    if (options.pkce !== 'none') {
      challenge = query.code_challenge;
      if (query.code_challenge_method !== 'S256') return refuse('code_challenge_method must be S256');
      const shape = options.pkce === 'S256' ? /^[A-Za-z0-9_-]{43}$/ : /^[0-9a-f]{64}$/;
      if (!challenge || !shape.test(challenge)) return refuse(`code_challenge must be the ${options.pkce === 'S256' ? 'base64url' : 'hex'} SHA-256 of the verifier`);
    }
    fake.authorizations.push({ query, ok: true });
    const back = new URL(redirect);
    if (fake.consent === 'deny') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('state', query.state);
    } else {
      const code = `code-${randomBytes(12).toString('hex')}`;
      const scope = (options.grantScopes ?? query.scope.split(separator)).join(separator);
      codes.set(code, { redirectUri: query.redirect_uri!, challenge, scope, used: false });
      back.searchParams.set('code', code);
      back.searchParams.set('state', query.state);
    }
    fake.consent = 'approve';
    res.writeHead(302, { location: back.toString() }).end();
  }

  function token(params: URLSearchParams, path: string, res: ServerResponse): void {
    const grant = params.get('grant_type') ?? '';
    const send = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const refuse = (error: string, description: string) => {
      fake.tokenCalls.push({ grant, ok: false, reason: `${error}: ${description}` });
      const answer = refusal(error, description);
      send(answer.status, answer.body);
    };
    // A refresh is a refresh_token grant, or (a path of its own) any request there.
    const refreshing = grant === 'refresh_token' || (options.refreshPath !== undefined && options.refreshPath !== options.tokenPath && path === options.refreshPath);
    const exact = refreshing ? options.refreshParams : undefined;
    if (exact) {
      const missing = exact.filter((name) => (params.get(name) ?? '') === '');
      if (missing.length > 0) return refuse('invalid_request', `缺少参数 ${missing.join(', ')}`);
      // Douyin documents no answer for an unknown parameter: refused here so that one (the client secret) cannot go unnoticed.
      const unknown = [...params.keys()].filter((name) => !exact.includes(name));
      if (unknown.length > 0) return refuse('invalid_request', `not a parameter of this endpoint: ${unknown.join(', ')}`);
      if (params.get(options.clientIdParam) !== options.clientId) return refuse('invalid_client', `检查 ${options.clientIdParam} 参数是否正确`);
    } else if (params.get(options.clientIdParam) !== options.clientId || params.get(options.clientSecretParam) !== options.clientSecret) {
      // Google: a desktop client without its secret is refused even with PKCE.
      return refuse('invalid_client', `${options.clientIdParam} or ${options.clientSecretParam} is wrong or missing`);
    }
    if (grant === 'authorization_code') {
      if (path !== options.tokenPath) return refuse('invalid_request', 'wrong token path');
      const code = codes.get(params.get('code') ?? '');
      if (!code) return refuse('invalid_grant', 'unknown authorization code');
      if (code.used) return refuse('invalid_grant', 'authorization code already used');
      code.used = true;
      if (params.get('redirect_uri') !== code.redirectUri) return refuse('invalid_grant', 'redirect_uri does not match the authorization request');
      if (code.challenge !== undefined) {
        const verifier = params.get('code_verifier') ?? '';
        if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return refuse('invalid_request', 'code_verifier must be 43-128 unreserved characters');
        const digest = createHash('sha256').update(verifier).digest();
        const expected = options.pkce === 'S256-hex' ? digest.toString('hex') : digest.toString('base64url');
        if (expected !== code.challenge) return refuse('invalid_grant', 'Code verifier or code challenge is invalid.');
      }
      fake.tokenCalls.push({ grant, ok: true });
      return send(200, answer(issue(code.scope)));
    }
    if (grant === 'refresh_token') {
      if (path !== (options.refreshPath ?? options.tokenPath)) return refuse('invalid_request', 'wrong refresh path');
      const old = params.get('refresh_token') ?? '';
      const known = refresh.get(old);
      if (!known || !known.live) return refuse('invalid_grant', 'Token has been expired or revoked.');
      if (known.expires !== undefined && known.expires <= Date.now()) return refuse('invalid_grant', 'refresh token expired');
      fake.tokenCalls.push({ grant, ok: true });
      if (options.rotatesRefreshToken) {
        known.live = false;
        return send(200, answer(issue(known.scope)));
      }
      // Google: a new access token, and no refresh token (the old one stays valid).
      const issued = issue(known.scope);
      if (issued.refreshToken) refresh.delete(issued.refreshToken);
      return send(200, answer({ ...issued, refreshToken: undefined }));
    }
    if (options.exchange && grant === options.exchange.grantType && path === options.exchange.path) {
      const short = access.get(params.get(options.exchange.tokenParam) ?? '');
      if (!short || short.expires <= Date.now()) return refuse('invalid_grant', 'the token to exchange is not a live access token');
      fake.tokenCalls.push({ grant, ok: true });
      const issued = issue(short.scope);
      access.get(issued.accessToken)!.expires = Date.now() + options.exchange.ttlSeconds * 1000;
      return send(200, answer({ ...issued, expiresIn: options.exchange.ttlSeconds }));
    }
    return refuse('unsupported_grant_type', `grant_type ${grant || '(none)'}`);
  }

  function renewRefreshToken(params: URLSearchParams, res: ServerResponse): void {
    const renew = options.renew!;
    const answer = (data: Record<string, unknown>) => void res.writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ data: { error_code: 0, description: '', ...data }, message: data.error_code ? 'error' : 'success' }));
    const refuse = (code: number, description: string) => {
      fake.tokenCalls.push({ grant: 'renew_refresh_token', ok: false, reason: `${code}: ${description}` });
      answer({ error_code: code, description });
    };
    // Douyin's renewal takes client_key and refresh_token, no secret and no grant_type.
    // As Douyin answers (research/uploads.md 4.2, its status codes): 10005 a parameter missing,
    // 10003 a client_key that is not the app's.
    const clientId = params.get(options.clientIdParam) ?? '';
    if (clientId === '') return refuse(10005, `缺少参数 ${options.clientIdParam}`);
    if (clientId !== options.clientId) return refuse(10003, `检查 ${options.clientIdParam} 参数是否正确`);
    const old = refresh.get(params.get('refresh_token') ?? '');
    if (!old || !old.live || (old.expires !== undefined && old.expires <= Date.now())) return refuse(10010, 'refresh_token 已过期, 请重新授权');
    if ((old.renewals ?? 0) >= renew.maxRenewals) return refuse(10020, `refresh_token 续期次数已达上限 (${renew.maxRenewals})`);
    old.live = false;
    const token = `rt-${randomBytes(12).toString('hex')}`;
    refresh.set(token, { live: true, scope: old.scope, expires: Date.now() + renew.ttlSeconds * 1000, renewals: (old.renewals ?? 0) + 1 });
    fake.tokenCalls.push({ grant: 'renew_refresh_token', ok: true });
    answer({ refresh_token: token, expires_in: renew.ttlSeconds });
  }

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://fake');
    try {
      const handler = routes.get(`${req.method} ${url.pathname}`);
      if (handler) return await handler(req, res, body);
      if (req.method === 'GET' && url.pathname === options.authorizePath) return authorize(url, res);
      if (req.method === 'POST' && url.pathname === options.renew?.path) {
        const params = new URLSearchParams(body.toString('utf8'));
        fake.tokenRequests.push({ path: url.pathname, params: [...params.keys()] });
        return renewRefreshToken(params, res);
      }
      const tokenPaths = [options.tokenPath, options.refreshPath, options.exchange?.path];
      if ((req.method === 'POST' || url.pathname === options.exchange?.path) && tokenPaths.includes(url.pathname)) {
        const params = new URLSearchParams(url.search);
        if (body.length > 0) {
          if (!/^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) {
            return res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_request', error_description: 'form body expected' }));
          }
          for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.set(name, value);
        }
        fake.tokenRequests.push({ path: url.pathname, params: [...params.keys()] });
        return token(params, url.pathname, res);
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no route ${req.method} ${url.pathname}`);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake failed: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
