// The installed-app authorization-code flow (RFC 8252) against a real loopback OAuth fake: the
// test plays the browser (GET the printed URL from the fake, follow its 302 to promo's listener).
// The fake checks PKCE (S256 and TikTok's hex), the client secret and the exact redirect URI,
// and uses each code once; a wrong `state` is refused by promo.
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectAccount } from '../../src/accounts/connect-account.ts';
import { connectWithRefreshToken } from '../../src/accounts/connect-with-refresh-token.ts';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import type { OAuthProfile } from '../../src/channels/oauth-profile.ts';
import { startFakeOAuth, type FakeOAuth, type FakeOAuthOptions } from '../helpers/fake-oauth-server.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { testChannelConfig, testProfile } from './test-profile.ts';

let fake: FakeOAuth | undefined;
afterEach(async () => { await fake?.close(); fake = undefined; });

/** The browser: opens the authorization URL, follows the service's redirect; returns what promo's listener answered. */
async function browse(url: string, tamper?: (redirect: URL) => void): Promise<{ status: number; text: string; redirect: URL }> {
  const page = await fetch(url, { redirect: 'manual' });
  if (page.status !== 302) throw new Error(`the authorize page answered ${page.status}: ${await page.text()}`);
  const redirect = new URL(page.headers.get('location')!);
  tamper?.(redirect);
  const back = await fetch(redirect);
  return { status: back.status, text: await back.text(), redirect };
}

async function connect(fakeOptions: Partial<FakeOAuthOptions>, profile: Partial<OAuthProfile>, tamper?: (redirect: URL) => void, prepare?: (fake: FakeOAuth) => void) {
  fake = await startFakeOAuth({ authorizePath: '/o/oauth2/v2/auth', tokenPath: '/token', pkce: 'S256', accountId: 'UC-channel-7', ...fakeOptions });
  prepare?.(fake);
  const credentials = new CredentialsFile(join(makeTempDir(), 'credentials.json'));
  const abort = new AbortController();
  let browsed: Promise<Awaited<ReturnType<typeof browse>>> | undefined;
  const shown: string[] = [];
  const connecting = connectAccount({
    config: testChannelConfig(fake),
    profile: testProfile(profile),
    credentials,
    show: (url) => {
      shown.push(url);
      browsed = browse(url, tamper);
      // A refused authorize page never reaches promo: end the wait instead of timing out.
      browsed.catch(() => abort.abort());
    },
    signal: abort.signal,
  });
  const outcome = await connecting.then((entry) => ({ entry }), (error: Error) => ({ error }));
  return { fake, credentials, outcome, browser: await browsed!, shown };
}

describe('connectAccount', () => {
  it('S256 PKCE: listens on 127.0.0.1, the fake accepts the verifier against the challenge, the account is stored', async () => {
    const { fake, credentials, outcome, browser, shown } = await connect({ pkce: 'S256' }, { pkce: 'S256' });
    expect(outcome).toHaveProperty('entry');
    const url = new URL(shown[0]!);
    expect(url.origin).toBe(fake.url);
    expect(url.pathname).toBe('/o/oauth2/v2/auth');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new URL(url.searchParams.get('redirect_uri')!).hostname).toBe('127.0.0.1');
    expect(browser.status).toBe(200);
    expect(browser.text).toMatch(/connected/);
    expect(fake.tokenCalls).toEqual([{ grant: 'authorization_code', ok: true }]);
    const stored = await credentials.get('shorts');
    expect(stored).toMatchObject({ kind: 'youtube', accountId: 'UC-channel-7', scopes: ['video.upload', 'video.read'] });
    expect(fake.checkAccessToken(stored!.tokens.accessToken).ok).toBe(true);
    expect(stored!.tokens.refreshToken).toMatch(/^rt-/);
  });

  it('S256-hex PKCE (TikTok desktop), with comma-joined scopes and the client id under its own name', async () => {
    const { fake, outcome, shown } = await connect(
      { pkce: 'S256-hex', clientIdParam: 'client_key', scopeSeparator: ',' },
      { pkce: 'S256-hex', clientIdParam: 'client_key', clientSecretParam: 'client_secret', scopeSeparator: ',' },
    );
    expect(outcome).toHaveProperty('entry');
    const url = new URL(shown[0]!);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('scope')).toBe('video.upload,video.read');
    expect(fake.tokenCalls).toEqual([{ grant: 'authorization_code', ok: true }]);
  });

  it.each(['S256', 'S256-hex'] as const)('the fake service checks the verifier against the %s challenge at the exchange', async (pkce) => {
    fake = await startFakeOAuth({ authorizePath: '/auth', tokenPath: '/token', pkce });
    const verifier = randomBytes(32).toString('base64url');
    const digest = createHash('sha256').update(verifier).digest();
    const authorize = new URL(`${fake.url}/auth`);
    const redirectUri = 'http://127.0.0.1:9/callback/';
    for (const [name, value] of Object.entries({ client_id: fake.options.clientId, response_type: 'code', redirect_uri: redirectUri, scope: 's', state: 'x', code_challenge_method: 'S256',
      code_challenge: pkce === 'S256' ? digest.toString('base64url') : digest.toString('hex') })) authorize.searchParams.set(name, value);
    const exchange = async (codeVerifier: string) => {
      const page = await fetch(authorize, { redirect: 'manual' });
      const code = new URL(page.headers.get('location')!).searchParams.get('code')!;
      const answer = await fetch(`${fake!.url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({
        grant_type: 'authorization_code', code, client_id: fake!.options.clientId, client_secret: fake!.options.clientSecret, redirect_uri: redirectUri, code_verifier: codeVerifier,
      }) });
      return { status: answer.status, body: await answer.json() as Record<string, unknown> };
    };
    expect(await exchange(randomBytes(32).toString('base64url'))).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Code verifier or code challenge is invalid.' } });
    expect(await exchange(verifier)).toMatchObject({ status: 200, body: { access_token: expect.any(String) } });
  });

  it('a redirect whose state does not match is refused and nothing is stored; the code was never exchanged', async () => {
    const { fake, credentials, outcome, browser } = await connect({}, {}, (redirect) => redirect.searchParams.set('state', 'forged'));
    expect((outcome as { error: Error }).error.message).toMatch(/state that does not match/);
    expect(browser.status).toBe(400);
    expect(fake.tokenCalls).toEqual([]);
    expect(await credentials.read()).toEqual({});
  });

  it('a code is single-use: the service refuses it the second time', async () => {
    const { fake, browser } = await connect({}, {});
    const code = browser.redirect.searchParams.get('code')!;
    const again = await fetch(`${fake.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: fake.options.clientId, client_secret: fake.options.clientSecret, redirect_uri: browser.redirect.origin + browser.redirect.pathname }),
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant', error_description: 'authorization code already used' });
  });

  it('a profile with a long-lived-token exchange (Facebook Login, no refresh token) stores the exchanged token', async () => {
    const exchange = { path: '/v21.0/oauth/access_token', grantType: 'fb_exchange_token', tokenParam: 'fb_exchange_token' };
    const { fake, credentials, outcome } = await connect(
      { issuesRefreshTokens: false, accessTtlSeconds: 3600, exchange: { ...exchange, ttlSeconds: 5_184_000 } },
      { exchange: { method: 'GET', ...exchange } },
    );
    expect(outcome).toHaveProperty('entry');
    expect(fake.tokenCalls).toEqual([{ grant: 'authorization_code', ok: true }, { grant: 'fb_exchange_token', ok: true }]);
    const stored = (await credentials.get('shorts'))!;
    expect(stored.tokens.refreshToken).toBeUndefined();
    expect(Date.parse(stored.tokens.expiresAt) - Date.now()).toBeGreaterThan(50 * 86_400_000);
    expect(fake.checkAccessToken(stored.tokens.accessToken).ok).toBe(true);
  });

  it("stores who the account is and the service's warnings (describeAccount, asked with the new token)", async () => {
    const { credentials, outcome } = await connect({}, {
      async describeAccount({ apiBase, accessToken, signal }) {
        const answer = await fetch(`${apiBase}/v2/user/info/`, { headers: { authorization: `Bearer ${accessToken}` }, signal });
        const json = await answer.json() as { name: string; options: string[] };
        return { name: json.name, warnings: json.options.length === 1 ? [`posts can only be ${json.options[0]} until the app passes review`] : [] };
      },
    }, undefined, (server) => server.route('GET', '/v2/user/info/', (req, res) => {
      if (!server.checkBearer(req, res)) return;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name: 'tea_shop', options: ['SELF_ONLY'] }));
    }));
    expect(outcome).toHaveProperty('entry');
    expect(await credentials.get('shorts')).toMatchObject({ accountName: 'tea_shop', warnings: ['posts can only be SELF_ONLY until the app passes review'] });
  });

  it('a denied consent is reported and nothing is stored', async () => {
    fake = await startFakeOAuth({ authorizePath: '/o/oauth2/v2/auth', tokenPath: '/token', pkce: 'S256' });
    fake.consent = 'deny';
    const credentials = new CredentialsFile(join(makeTempDir(), 'credentials.json'));
    const error = await connectAccount({
      config: testChannelConfig(fake), profile: testProfile(), credentials, signal: new AbortController().signal,
      show: (url) => void browse(url),
    }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/did not grant access \(access_denied\)/);
    expect(await credentials.read()).toEqual({});
  });

  it('a wrong client secret is refused at the exchange, without the secret in the message', async () => {
    fake = await startFakeOAuth({ authorizePath: '/o/oauth2/v2/auth', tokenPath: '/token', pkce: 'S256' });
    const credentials = new CredentialsFile(join(makeTempDir(), 'credentials.json'));
    const config = { ...testChannelConfig(fake), clientSecret: 'wrong-secret-5521' } as ReturnType<typeof testChannelConfig>;
    const error = await connectAccount({ config, profile: testProfile(), credentials, signal: new AbortController().signal, show: (url) => void browse(url) }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/invalid_client/);
    expect((error as Error).message).not.toContain('wrong-secret-5521');
    expect(await credentials.read()).toEqual({});
  });
});

describe('connectWithRefreshToken', () => {
  it('checks the token by refreshing once and stores the account; with rotation the given token is retired and the new one stored', async () => {
    fake = await startFakeOAuth({ authorizePath: '/a', tokenPath: '/token', pkce: 'S256-hex', rotatesRefreshToken: true, accountId: 'open-1' });
    const given = fake.grant('video.publish').refreshToken!;
    const credentials = new CredentialsFile(join(makeTempDir(), 'credentials.json'));
    const entry = await connectWithRefreshToken({ config: testChannelConfig(fake, 'tt', 'tiktok'), profile: testProfile({ rotatesRefreshToken: true }), credentials, refreshToken: `${given}\n`, signal: new AbortController().signal });
    expect(entry).toMatchObject({ kind: 'tiktok', accountId: 'open-1', scopes: ['video.publish'] });
    expect(entry.tokens.refreshToken).not.toBe(given);
    expect(fake.refreshTokens()).toEqual(expect.arrayContaining([{ token: given, live: false }, { token: entry.tokens.refreshToken, live: true }]));
    expect((await credentials.get('tt'))!.tokens).toEqual(entry.tokens);
  });

  it('a refused token stores nothing and says so', async () => {
    fake = await startFakeOAuth({ authorizePath: '/a', tokenPath: '/token', pkce: 'S256' });
    const credentials = new CredentialsFile(join(makeTempDir(), 'credentials.json'));
    const error = await connectWithRefreshToken({ config: testChannelConfig(fake), profile: testProfile(), credentials, refreshToken: 'rt-made-up', signal: new AbortController().signal }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/refused.*invalid_grant.*nothing was stored/);
    expect((error as Error).message).not.toContain('rt-made-up');
    expect(await credentials.read()).toEqual({});
  });
});
