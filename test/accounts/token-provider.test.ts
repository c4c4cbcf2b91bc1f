// The token provider behind SendContext.accessToken, against a real loopback OAuth fake: refresh
// ahead of expiry and on force, rotated refresh tokens saved before use (the old one refused by
// the service), a refused refresh marking the account for reconnecting, one refresh for many callers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialsFile, type AccountEntry } from '../../src/accounts/credentials-file.ts';
import { createTokenProvider } from '../../src/accounts/create-token-provider.ts';
import { ChannelError } from '../../src/publish/channel-types.ts';
import { startFakeOAuth, type FakeOAuth, type FakeOAuthOptions } from '../helpers/fake-oauth-server.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { testChannelConfig, testProfile } from './test-profile.ts';

let fake: FakeOAuth | undefined;
afterEach(async () => { await fake?.close(); fake = undefined; });

const context = () => ({ now: () => new Date(), signal: new AbortController().signal, timeoutMs: 10_000 });

async function setup(fakeOptions: Partial<FakeOAuthOptions> = {}, expiresInSeconds = 3600) {
  fake = await startFakeOAuth({ authorizePath: '/o/oauth2/v2/auth', tokenPath: '/token', pkce: 'S256', ...fakeOptions });
  const issued = fake.grant('video.upload');
  const credentials = new CredentialsFile(join(makeTempDir(), 'credentials.json'));
  const entry: AccountEntry = {
    kind: 'youtube', scopes: ['video.upload'],
    tokens: { accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: new Date(Date.now() + expiresInSeconds * 1000).toISOString() },
  };
  await credentials.update((accounts) => { accounts.shorts = entry; });
  const profile = testProfile({ rotatesRefreshToken: fakeOptions.rotatesRefreshToken ?? false });
  const provider = createTokenProvider({ config: testChannelConfig(fake), profile, credentials });
  return { fake, issued, credentials, provider, profile };
}

describe('createTokenProvider', () => {
  it('hands out the stored token while it has time left, without asking the service', async () => {
    const { fake, issued, provider } = await setup();
    expect(await provider(undefined, context())).toBe(issued.accessToken);
    expect(fake.tokenCalls).toEqual([]);
  });

  it('refreshes a token that expires within the margin, and keeps a refresh token the answer does not repeat', async () => {
    const { fake, issued, provider, credentials } = await setup({}, 60);
    const token = await provider(undefined, context());
    expect(token).not.toBe(issued.accessToken);
    expect(fake.checkAccessToken(token).ok).toBe(true);
    expect(fake.tokenCalls).toEqual([{ grant: 'refresh_token', ok: true }]);
    const stored = await credentials.get('shorts');
    expect(stored?.tokens.accessToken).toBe(token);
    expect(stored?.tokens.refreshToken).toBe(issued.refreshToken);
    expect(stored?.lastUse?.ok).toBe(true);
  });

  it('refreshes once on force (after a 401), even with time left', async () => {
    const { fake, issued, provider } = await setup();
    expect(await provider(undefined, context())).toBe(issued.accessToken);
    fake.expireAccessTokens();
    expect(fake.checkAccessToken(issued.accessToken).ok).toBe(false);
    const forced = await provider({ force: true }, context());
    expect(fake.checkAccessToken(forced).ok).toBe(true);
    expect(fake.tokenCalls.filter((c) => c.grant === 'refresh_token')).toHaveLength(1);
  });

  it('saves a rotated refresh token before handing out the access token; the old one is refused by the service', async () => {
    const { fake, issued, provider, credentials } = await setup({ rotatesRefreshToken: true }, 10);
    const token = await provider(undefined, context());
    // On disk already when the caller gets the token: a crash now cannot lose the new refresh token.
    const stored = (await credentials.get('shorts'))!;
    expect(stored.tokens.accessToken).toBe(token);
    expect(stored.tokens.refreshToken).not.toBe(issued.refreshToken);
    expect(fake.refreshTokens()).toEqual(expect.arrayContaining([{ token: issued.refreshToken, live: false }, { token: stored.tokens.refreshToken, live: true }]));
    // The next refresh uses the new one and works.
    const again = await provider({ force: true }, context());
    expect(fake.checkAccessToken(again).ok).toBe(true);
    expect(fake.tokenCalls.map((c) => c.ok)).toEqual([true, true]);
  });

  it('two providers (two processes) refreshing at once spend a rotating refresh token once', async () => {
    const { fake, credentials, profile } = await setup({ rotatesRefreshToken: true }, 10);
    const other = createTokenProvider({ config: testChannelConfig(fake), profile, credentials: new CredentialsFile(credentials.path) });
    const mine = createTokenProvider({ config: testChannelConfig(fake), profile, credentials });
    const [a, b] = await Promise.all([mine(undefined, context()), other(undefined, context())]);
    expect(a).toBe(b);
    expect(fake.tokenCalls).toEqual([{ grant: 'refresh_token', ok: true }]);
  });

  it('a refused refresh marks the account as needing `promo accounts connect`, and later calls fail without asking again', async () => {
    const { fake, provider, credentials } = await setup({}, 10);
    fake.revokeRefreshTokens();
    const error = await provider(undefined, context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).message).toMatch(/refused its refresh token.*invalid_grant.*run `promo accounts connect shorts`/);
    expect((error as ChannelError).options).toMatchObject({ retryable: false, needsReconnect: true });
    const stored = (await credentials.get('shorts'))!;
    expect(stored.needsReconnect).toMatch(/refused/);
    expect(stored.lastUse).toMatchObject({ ok: false });
    const second = await provider(undefined, context()).catch((e: unknown) => e);
    expect((second as ChannelError).options.needsReconnect).toBe(true);
    expect(fake.tokenCalls).toHaveLength(1);
    // The refresh token is never part of an error message.
    const file = readFileSync(credentials.path, 'utf8');
    expect((error as Error).message).not.toContain(stored.tokens.refreshToken!);
    expect(file).toContain(stored.tokens.refreshToken!);
  });

  it("a refused client secret (invalid_client) is a configuration error: the account is not marked for reconnecting", async () => {
    const { fake, credentials, profile } = await setup({}, 10);
    const config = { ...testChannelConfig(fake), clientSecret: 'not-the-secret' } as ReturnType<typeof testChannelConfig>;
    const provider = createTokenProvider({ config, profile, credentials });
    const error = await provider(undefined, context()).catch((e: unknown) => e) as ChannelError;
    expect(error.message).toMatch(/invalid_client.*: the service refused the app's client id or client secret; fix `clientId` or `clientSecret` of channel shorts in config\.yaml$/);
    expect(error.message).not.toContain('not-the-secret');
    expect(error.options).toMatchObject({ retryable: false, auth: true });
    expect(error.options.needsReconnect).toBeUndefined();
    const stored = (await credentials.get('shorts'))!;
    expect(stored.needsReconnect).toBeUndefined();
    expect(stored.lastUse).toMatchObject({ ok: false });
  });

  it('an encrypted credentials file read with the wrong key fails the send saying which variable, not as a bug', async () => {
    const { fake, profile, credentials } = await setup();
    const sealed = new CredentialsFile(credentials.path, 'right key');
    await sealed.update(async (accounts) => { Object.assign(accounts, await credentials.read()); accounts.other = accounts.shorts!; });
    const provider = createTokenProvider({ config: testChannelConfig(fake), profile, credentials: new CredentialsFile(credentials.path, 'wrong key') });
    const error = await provider(undefined, context()).catch((e: unknown) => e) as ChannelError;
    expect(error).toBeInstanceOf(ChannelError);
    expect(error.message).toMatch(/cannot decrypt the credentials file .*PROMO_CREDENTIALS_KEY is not the key it was written with/);
    expect(error.options.retryable).toBe(false);
  });

  it('a service that cannot answer (down) is a retryable error and does not mark the account', async () => {
    const { fake, provider, credentials } = await setup({}, 10);
    await fake.close();
    const error = await provider(undefined, context()).catch((e: unknown) => e);
    expect((error as ChannelError).options.retryable).toBe(true);
    expect((await credentials.get('shorts'))!.needsReconnect).toBeUndefined();
  });

  it('an account without a refresh token (Instagram) uses its token to the end, then needs connecting again', async () => {
    fake = await startFakeOAuth({ authorizePath: '/a', tokenPath: '/token', pkce: 'none', issuesRefreshTokens: false });
    const issued = fake.grant('instagram_content_publish');
    const credentials = new CredentialsFile(join(makeTempDir(), 'credentials.json'));
    const store = async (expiresInSeconds: number) => credentials.update((accounts) => {
      accounts.reels = { kind: 'instagram', scopes: [], tokens: { accessToken: issued.accessToken, expiresAt: new Date(Date.now() + expiresInSeconds * 1000).toISOString() } };
    });
    const provider = createTokenProvider({ config: testChannelConfig(fake, 'reels', 'instagram'), profile: testProfile(), credentials });
    await store(60);
    expect(await provider(undefined, context())).toBe(issued.accessToken);
    await store(-1);
    await expect(provider(undefined, context())).rejects.toThrow(/its access token has expired and the service gives no refresh token; run `promo accounts connect reels`/);
    expect((await credentials.get('reels'))!.needsReconnect).toMatch(/expired/);
    expect(fake.tokenCalls).toEqual([]);
  });

  it('a channel without a connected account says how to connect one', async () => {
    fake = await startFakeOAuth({ authorizePath: '/a', tokenPath: '/token', pkce: 'S256' });
    const provider = createTokenProvider({ config: testChannelConfig(fake, 'tt', 'tiktok'), profile: testProfile(), credentials: new CredentialsFile(join(makeTempDir(), 'c.json')) });
    await expect(provider(undefined, context())).rejects.toThrow(/no account is connected; run `promo accounts connect tt`/);
  });
});
