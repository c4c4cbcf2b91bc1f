// Douyin's refresh token (30 days) is not extended by refreshing: the token provider renews it
// (`/oauth/renew_refresh_token/`, client_key and refresh_token) once it has less than 5 days
// left, or when its end is unknown (connected with --refresh-token), so an account in use never
// strands. Against core's OAuth fake answering in Douyin's `data` envelope: the new token is
// stored before use and the old one is refused by the service; after the renewals Douyin allows,
// the refusal is kept on the account (promo accounts says until when the token works) and the
// token goes on being used without asking again.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenProvider } from '../../src/accounts/create-token-provider.ts';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import { douyinKind } from '../../src/channels/douyin-kind.ts';
import type { PromoConfig } from '../../src/config/config-types.ts';
import type { ChannelConfig } from '../../src/publish/channel-types.ts';
import { accountRows } from '../../src/read/account-rows.ts';
import { startFakeDouyinOAuth } from '../helpers/fake-douyin-oauth.ts';
import type { FakeOAuth } from '../helpers/fake-oauth-server.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';

const DAY = 86_400_000;
const profile = douyinKind.oauth!;
let oauth: FakeOAuth | undefined;
afterEach(async () => { await oauth?.close(); oauth = undefined; });

const context = () => ({ now: () => new Date(), signal: new AbortController().signal, timeoutMs: 10_000 });

/** A Douyin account whose refresh token promo believes ends in `refreshDays` (undefined: not known). */
async function setup(refreshDays: number | undefined, maxRenewals = 5, clientKey = 'awx1234567890abcd') {
  oauth = await startFakeDouyinOAuth({
    clientId: 'awx1234567890abcd', clientSecret: 'dy-secret-8', accessTtlSeconds: 15 * 86_400, refreshTtlSeconds: 30 * 86_400, accountId: '_000QadFMhmU1jNCI3JdPnyVDL6XavC70dFy',
    renew: { path: '/oauth/renew_refresh_token/', ttlSeconds: 30 * 86_400, maxRenewals },
  });
  const config: ChannelConfig = { name: 'shop-douyin', type: 'douyin', clientKey, clientSecret: 'dy-secret-8', api: oauth.url };
  const issued = oauth.grant('user_info,video.create.bind,video.data.bind');
  const credentials = new CredentialsFile(join(makeTempDir(), 'credentials.json'));
  await credentials.update((accounts) => {
    accounts['shop-douyin'] = {
      kind: 'douyin', scopes: ['user_info', 'video.create.bind', 'video.data.bind'],
      tokens: {
        accessToken: issued.accessToken, refreshToken: issued.refreshToken!, expiresAt: new Date(Date.now() + 10 * DAY).toISOString(),
        ...(refreshDays === undefined ? {} : { refreshExpiresAt: new Date(Date.now() + refreshDays * DAY).toISOString() }),
      },
    };
  });
  const provider = createTokenProvider({ config, profile, credentials });
  const stored = async () => (await credentials.get('shop-douyin'))!;
  return { oauth, issued, credentials, provider, stored };
}

describe('Douyin refresh-token renewal', () => {
  it('renews a refresh token with less than 5 days left, stored before use; the old one is refused since', async () => {
    const { oauth, issued, provider, stored } = await setup(4);
    // The access token still has 10 days: it is handed out as it is; only the refresh token is renewed.
    expect(await provider(undefined, context())).toBe(issued.accessToken);
    expect(oauth.tokenCalls).toEqual([{ grant: 'renew_refresh_token', ok: true }]);
    const after = await stored();
    expect(after.tokens.refreshToken).not.toBe(issued.refreshToken);
    expect(Date.parse(after.tokens.refreshExpiresAt!) - Date.now()).toBeGreaterThan(29 * DAY);
    expect(oauth.refreshTokens()).toEqual([{ token: issued.refreshToken, live: false }, { token: after.tokens.refreshToken, live: true }]);
    // The renewed token refreshes; the next uses ask nothing more.
    oauth.expireAccessTokens();
    const refreshed = await provider({ force: true }, context());
    expect(oauth.checkAccessToken(refreshed).ok).toBe(true);
    await provider(undefined, context());
    expect(oauth.tokenCalls.map((call) => `${call.grant} ${call.ok}`)).toEqual(['renew_refresh_token true', 'refresh_token true']);
    expect((await stored()).tokens.refreshToken).toBe(after.tokens.refreshToken);
  });

  it('leaves a refresh token with more than 5 days alone, and renews one whose end is unknown once', async () => {
    const young = await setup(6);
    await young.provider(undefined, context());
    expect(young.oauth.tokenCalls).toEqual([]);
    await young.oauth.close();

    const unknown = await setup(undefined);
    await unknown.provider(undefined, context());
    await unknown.provider(undefined, context());
    expect(unknown.oauth.tokenCalls).toEqual([{ grant: 'renew_refresh_token', ok: true }]);
    expect(Date.parse((await unknown.stored()).tokens.refreshExpiresAt!) - Date.now()).toBeGreaterThan(29 * DAY);
  });

  it('after the renewals Douyin allows, keeps using the token, asks no more and says until when it works', async () => {
    const { oauth, issued, provider, credentials, stored } = await setup(4, 1);
    await provider(undefined, context());
    // Time passes: promo's view of the renewed token's end moves 26 days closer.
    await credentials.update((accounts) => {
      const tokens = accounts['shop-douyin']!.tokens;
      tokens.refreshExpiresAt = new Date(Date.now() + 4 * DAY).toISOString();
    });
    expect(await provider(undefined, context())).toBe(issued.accessToken);
    expect(oauth.tokenCalls.map((call) => `${call.grant} ${call.ok}`)).toEqual(['renew_refresh_token true', 'renew_refresh_token false']);
    const refused = await stored();
    expect(refused.renewRefused).toMatch(/Douyin refused to renew the refresh token \(10020: /);
    expect(refused.needsReconnect).toBeUndefined();
    await provider(undefined, context());
    expect(oauth.tokenCalls).toHaveLength(2);
    const config = { channels: { 'shop-douyin': { type: 'douyin' } } } as unknown as PromoConfig;
    const [row] = accountRows(config, await credentials.read());
    expect(row!.status).toBe('connected');
    expect(row!.problems[0]).toBe(`${refused.renewRefused}: the refresh token works until ${refused.tokens.refreshExpiresAt}; run \`promo accounts connect shop-douyin\` before then`);
    for (const token of [issued.refreshToken!, refused.tokens.refreshToken!]) expect(JSON.stringify(row)).not.toContain(token);
  });

  it('a renewal refused for a missing client_key (10005) is a config error: nothing kept on the account, renewed once the key is there', async () => {
    const { oauth, issued, credentials, provider, stored } = await setup(4, 5, '');
    // The send goes on with the access token it has; the refresh token is left as it was.
    expect(await provider(undefined, context())).toBe(issued.accessToken);
    expect(oauth.tokenCalls).toEqual([{ grant: 'renew_refresh_token', ok: false, reason: expect.stringMatching(/^10005: /) }]);
    const kept = await stored();
    expect(kept.renewRefused).toBeUndefined();
    expect(kept.needsReconnect).toBeUndefined();
    expect(kept.tokens.refreshToken).toBe(issued.refreshToken);
    const config = { name: 'shop-douyin', type: 'douyin', clientKey: 'awx1234567890abcd', clientSecret: 'dy-secret-8', api: oauth.url } as ChannelConfig;
    await createTokenProvider({ config, profile, credentials })(undefined, context());
    expect(oauth.tokenCalls.map((call) => `${call.grant} ${call.ok}`)).toEqual(['renew_refresh_token false', 'renew_refresh_token true']);
    expect((await stored()).tokens.refreshToken).not.toBe(issued.refreshToken);
  });
});
