// A TikTok account through the real account code (credentials file, token provider, connect
// flow) against the shared OAuth fake with the TikTok fake mounted on it (one `api:` base serves
// the token endpoint and the API, as the real hosts are all replaced): the desktop flow's hex
// PKCE and client_key, a 401 answered by a refresh that rotates the refresh token (the old one is
// refused from then on), and a refused refresh failing the post with the reconnect hint.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenProvider } from '../../src/accounts/create-token-provider.ts';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import { TIKTOK_OAUTH } from '../../src/channels/tiktok-kind.ts';
import type { SendContext } from '../../src/publish/channel-types.ts';
import { createTiktokChannel } from '../../src/publish/tiktok-channel.ts';
import { connectByBrowser } from '../helpers/connect-by-browser.ts';
import { startFakeOAuth, type FakeOAuth } from '../helpers/fake-oauth-server.ts';
import { startFakeTiktok, type FakeTiktok } from '../helpers/fake-tiktok-server.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { channelErrorOf, makeContext, makeMediaFolder, makePost } from './publish-test-helpers.ts';
import { tiktokConfig } from './tiktok-test-helpers.ts';

const profile = TIKTOK_OAUTH;
let oauth: FakeOAuth | undefined;
afterEach(async () => { await oauth?.close(); oauth = undefined; });

async function start(): Promise<{ oauth: FakeOAuth; tiktok: FakeTiktok }> {
  oauth = await startFakeOAuth({
    authorizePath: profile.authorizePath, tokenPath: profile.tokenPath, clientIdParam: 'client_key', clientSecretParam: 'client_secret',
    clientId: 'awtestkey', clientSecret: 'tt-client-secret-77', pkce: 'S256-hex', rotatesRefreshToken: true, scopeSeparator: ',',
    // TikTok's newer pages: 2-hour access tokens (catches a hard-coded 24 h), 180-day refresh tokens.
    accessTtlSeconds: 7200, refreshTtlSeconds: 180 * 86400, accountId: '-000fake-open-id', grantScopes: [...profile.scopes],
  });
  return { oauth, tiktok: await startFakeTiktok({ host: oauth, processingPolls: 1 }) };
}

// A context like the scheduler's: saved progress kept, tokens from the provider.
function contexts(provider: ReturnType<typeof createTokenProvider>) {
  let saved: Record<string, unknown> = {};
  return (): SendContext => {
    const base = makeContext({ timeoutMs: 10_000 });
    return { ...base, progress: saved, checkpoint: async (p) => { saved = p; }, accessToken: (o) => provider(o, base) };
  };
}

async function connected(fake: FakeOAuth, path: string) {
  const credentials = new CredentialsFile(path);
  const issued = fake.grant();
  await credentials.update((accounts) => {
    accounts['tiktok-shop'] = {
      kind: 'tiktok', scopes: issued.scope.split(','),
      tokens: { accessToken: issued.accessToken, refreshToken: issued.refreshToken!, expiresAt: new Date(Date.now() + 7200_000).toISOString() },
    };
  });
  return credentials;
}

describe('TikTok account', () => {
  it("connects with the desktop flow's parameters and posts with the stored tokens", async () => {
    const { tiktok } = await start();
    const config = tiktokConfig(tiktok);
    const credentials = new CredentialsFile(join(makeTempDir(), 'credentials.json'));
    const { entry, authorizeUrl: asked, listenerStatus } = await connectByBrowser({ config, profile, credentials });
    expect(listenerStatus).toBe(200);
    expect(asked.pathname).toBe('/v2/auth/authorize/');
    expect(asked.searchParams.get('client_key')).toBe('awtestkey');
    expect(asked.searchParams.get('scope')).toBe('user.info.basic,video.publish');
    expect(asked.searchParams.get('code_challenge')).toMatch(/^[0-9a-f]{64}$/);
    expect(oauth!.tokenCalls).toEqual([{ grant: 'authorization_code', ok: true }]);
    expect(entry).toMatchObject({ kind: 'tiktok', accountId: '-000fake-open-id', accountName: 'Tea Shop' });
    expect(Date.parse(entry.tokens.expiresAt) - Date.now()).toBeLessThanOrEqual(7200_000);

    const provider = createTokenProvider({ config, profile, credentials });
    const next = contexts(provider);
    const post = makePost({ video: await (await makeMediaFolder()).video() });
    const driver = createTiktokChannel(config);
    let result = await driver.send(post, next());
    while (result.again) result = await driver.send(post, next());
    expect(result.remoteId).toBe('7300000000000000001');
    expect(tiktok.videos).toHaveLength(1);
  });

  it('refreshes once after a 401, keeps the rotated refresh token, and the old one is refused from then on', async () => {
    const { oauth: fake, tiktok } = await start();
    const config = tiktokConfig(tiktok);
    const path = join(makeTempDir(), 'credentials.json');
    const credentials = await connected(fake, path);
    const before = (await credentials.get('tiktok-shop'))!.tokens.refreshToken;
    fake.expireAccessTokens();
    const next = contexts(createTokenProvider({ config, profile, credentials }));
    const post = makePost({ video: await (await makeMediaFolder()).video() });
    const driver = createTiktokChannel(config);
    let result = await driver.send(post, next());
    while (result.again) result = await driver.send(post, next());

    expect(tiktok.videos).toHaveLength(1);
    expect(tiktok.rejections.map((r) => r.code)).toEqual(['access_token_invalid']);
    expect(fake.tokenCalls).toEqual([{ grant: 'refresh_token', ok: true }]);
    const after = (await new CredentialsFile(path).get('tiktok-shop'))!.tokens.refreshToken;
    expect(after).not.toBe(before);
    const live = new Map(fake.refreshTokens().map((t) => [t.token, t.live]));
    expect([live.get(before!), live.get(after!)]).toEqual([false, true]);
  });

  it('fails the post with the reconnect hint when TikTok refuses the refresh', async () => {
    const { oauth: fake, tiktok } = await start();
    const config = tiktokConfig(tiktok);
    const credentials = await connected(fake, join(makeTempDir(), 'credentials.json'));
    fake.expireAccessTokens();
    fake.revokeRefreshTokens();
    const next = contexts(createTokenProvider({ config, profile, credentials }));
    const error = await channelErrorOf(createTiktokChannel(config).send(makePost({ video: await (await makeMediaFolder()).video() }), next()));
    expect(error.message).toContain('promo accounts connect tiktok-shop');
    expect(error.options.needsReconnect).toBe(true);
    expect(tiktok.calls.init).toBe(0);
    expect(tiktok.videos).toEqual([]);
  });
});
