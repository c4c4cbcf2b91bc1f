// Douyin's access-token refresh (oauth/refresh_token/) takes client_key, grant_type=refresh_token
// and refresh_token, and no client secret (developer.open-douyin.com, 刷新 access_token;
// research/uploads.md 4.2): promo sends exactly those, and the secret nowhere but the code
// exchange. Against the loopback Douyin OAuth fake, which refuses a refresh missing one of them or
// carrying any other, in Douyin's 200 `data` envelope (10005 a parameter missing, 10003 client_key
// wrong). A refused refresh names the client key only (the secret had no part in it), in the one
// wording of describeClientRefused. Token ends are set from the real clock, never waited for.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenProvider } from '../../src/accounts/create-token-provider.ts';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import { describeClientRefused } from '../../src/accounts/describe-client-refused.ts';
import { douyinKind } from '../../src/channels/douyin-kind.ts';
import { ChannelError, type ChannelConfig } from '../../src/publish/channel-types.ts';
import { startFakeDouyinOAuth } from '../helpers/fake-douyin-oauth.ts';
import type { FakeOAuth } from '../helpers/fake-oauth-server.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';

const DAY = 86_400_000;
const KEY = 'awx1234567890abcd';
const SECRET = 'dy-refresh-secret-canary-77';
const profile = douyinKind.oauth!;
let oauth: FakeOAuth | undefined;
afterEach(async () => { await oauth?.close(); oauth = undefined; });

const context = () => ({ now: () => new Date(), signal: new AbortController().signal, timeoutMs: 10_000 });

/** An account whose access token has ended in promo's view; its refresh token has 20 days left (no renewal due). */
async function setup(clientKey = KEY) {
  oauth = await startFakeDouyinOAuth({ clientId: KEY, clientSecret: SECRET, accountId: 'open-1', accessTtlSeconds: 15 * 86_400, refreshTtlSeconds: 30 * 86_400 });
  const config: ChannelConfig = { name: 'dy', type: 'douyin', clientKey, clientSecret: SECRET, api: oauth.url };
  const issued = oauth.grant();
  const credentials = new CredentialsFile(join(makeTempDir(), 'credentials.json'));
  await credentials.update((accounts) => {
    accounts.dy = {
      kind: 'douyin', accountId: 'open-1', scopes: [...profile.scopes],
      tokens: { accessToken: issued.accessToken, refreshToken: issued.refreshToken!, expiresAt: new Date(Date.now() - 60_000).toISOString(), refreshExpiresAt: new Date(Date.now() + 20 * DAY).toISOString() },
    };
  });
  return { fake: oauth, config, issued, credentials, provider: createTokenProvider({ config, profile, credentials }) };
}

/** A form POST to the fake, as a client would send it. */
async function post(url: string, fields: Record<string, string>): Promise<unknown> {
  const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
  expect(answer.status).toBe(200);
  return answer.json();
}

describe('Douyin access-token refresh parameters', () => {
  it('sends client_key, grant_type and refresh_token only, and the fake takes it', async () => {
    const { fake, issued, provider, credentials } = await setup();
    const token = await provider(undefined, context());
    expect(token).not.toBe(issued.accessToken);
    expect(fake.tokenRequests).toEqual([{ path: '/oauth/refresh_token/', params: ['client_key', 'grant_type', 'refresh_token'] }]);
    expect(fake.tokenCalls).toEqual([{ grant: 'refresh_token', ok: true }]);
    expect((await credentials.get('dy'))!.tokens.accessToken).toBe(token);
  });

  it('the fake refuses a refresh carrying the client secret, and one missing a parameter, as Douyin answers', async () => {
    const { fake, issued } = await setup();
    const url = `${fake.url}/oauth/refresh_token/`;
    const base = { client_key: KEY, grant_type: 'refresh_token', refresh_token: issued.refreshToken! };
    expect(await post(url, { ...base, client_secret: SECRET })).toMatchObject({ data: { error_code: 10005, description: expect.stringContaining('client_secret') } });
    for (const name of Object.keys(base)) {
      const without = Object.fromEntries(Object.entries(base).filter(([key]) => key !== name));
      expect(await post(url, without)).toMatchObject({ data: { error_code: 10005, description: expect.stringContaining(name) } });
    }
    expect(await post(url, { ...base, client_key: 'awx0000000000wrong' })).toMatchObject({ data: { error_code: 10003 } });
    expect(await post(url, { ...base, refresh_token: 'rt-unknown' })).toMatchObject({ data: { error_code: 10010 } });
    expect(fake.tokenCalls.every((call) => !call.ok)).toBe(true);
    expect(await post(url, base)).toMatchObject({ data: { error_code: 0, access_token: expect.any(String) } });
  });

  it('a refresh refused for the client key fails the send in the one wording, naming the client key only, and no secret anywhere', async () => {
    const { fake, provider, credentials } = await setup('awx0000000000wrong');
    const failure = await provider(undefined, context()).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(ChannelError);
    expect((failure as ChannelError).options).toMatchObject({ retryable: false, auth: true });
    expect(fake.tokenRequests).toEqual([{ path: '/oauth/refresh_token/', params: ['client_key', 'grant_type', 'refresh_token'] }]);
    const kept = (await credentials.get('dy'))!;
    expect(kept.clientRefused).toMatchObject({ field: 'clientKey', error: expect.stringMatching(/\(10003: /) });
    expect(kept.clientRefused!.secretField).toBeUndefined();
    const message = (failure as Error).message;
    // The same words promo status, promo accounts and the daemon's log use for this fact.
    expect(message).toBe(describeClientRefused({ channel: 'dy', refused: kept.clientRefused! }));
    expect(message).toMatch(/: the service refused the app's client key; fix `clientKey` of channel dy in config\.yaml$/);
    expect(message).not.toContain('secret');
    expect(message).not.toContain('awx0000000000wrong');
    expect(JSON.stringify(kept)).not.toContain(SECRET);
  });
});
