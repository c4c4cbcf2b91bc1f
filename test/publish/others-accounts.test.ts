// Instagram, Douyin and Kuaishou accounts through the real account code (connect flow, credentials
// file, token provider) against core's OAuth fake, answering in each platform's own token shape,
// reached through the platform fake (one `api:` base for every host): Facebook's code exchange
// then the long-lived-token exchange, Douyin's `data` envelope with open_id, Kuaishou's
// `result: 1` answer from query parameters; then a post with the stored tokens, and (Douyin) an
// expired token refreshed at its own refresh path.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenProvider } from '../../src/accounts/create-token-provider.ts';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import { douyinKind } from '../../src/channels/douyin-kind.ts';
import { instagramKind } from '../../src/channels/instagram-kind.ts';
import { kuaishouKind } from '../../src/channels/kuaishou-kind.ts';
import type { OAuthProfile } from '../../src/channels/oauth-profile.ts';
import type { ChannelConfig, ChannelDriver, OutgoingPost, SendContext, SendResult } from '../../src/publish/channel-types.ts';
import { createDouyinChannel } from '../../src/publish/douyin-channel.ts';
import { createInstagramChannel } from '../../src/publish/instagram-channel.ts';
import { createKuaishouChannel } from '../../src/publish/kuaishou-channel.ts';
import { connectByBrowser } from '../helpers/connect-by-browser.ts';
import { startFakeDouyinOAuth } from '../helpers/fake-douyin-oauth.ts';
import { startFakeDouyin } from '../helpers/fake-douyin-server.ts';
import { startFakeInstagram } from '../helpers/fake-instagram-server.ts';
import { startFakeKuaishou } from '../helpers/fake-kuaishou-server.ts';
import { startFakeOAuth, type FakeOAuth } from '../helpers/fake-oauth-server.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { makeContext, makeMediaFolder, makePost } from './publish-test-helpers.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => { for (const close of closers.splice(0).reverse()) await close(); });

async function oauthFor(profile: OAuthProfile, clientId: string, clientSecret: string, more: Partial<Parameters<typeof startFakeOAuth>[0]>): Promise<FakeOAuth> {
  const fake = await startFakeOAuth({
    authorizePath: profile.authorizePath, tokenPath: profile.tokenPath, refreshPath: profile.refreshPath,
    clientIdParam: profile.clientIdParam, clientSecretParam: profile.clientSecretParam, clientId, clientSecret,
    pkce: profile.pkce, rotatesRefreshToken: profile.rotatesRefreshToken, scopeSeparator: profile.scopeSeparator, grantScopes: [...profile.scopes], ...more,
  });
  closers.push(fake.close);
  return fake;
}

// Sends until done, as the scheduler does: progress kept, tokens from the provider.
async function post(driver: ChannelDriver, item: OutgoingPost, config: ChannelConfig, profile: OAuthProfile, credentials: CredentialsFile, accountId?: string): Promise<SendResult> {
  const provider = createTokenProvider({ config, profile, credentials });
  let progress: Record<string, unknown> = {};
  const context = (): SendContext => {
    const base = makeContext({ timeoutMs: 10_000 });
    return { ...base, progress, checkpoint: async (next) => { progress = next; }, accessToken: (o) => provider(o, base), accountId: async () => accountId };
  };
  let result = await driver.send(item, context());
  while (result.again) result = await driver.send(item, context());
  return result;
}

describe('platform accounts (Instagram, Douyin, Kuaishou)', () => {
  it('Instagram: Facebook Login, then the short-lived token traded for a long-lived one, which posts', async () => {
    const profile = instagramKind.oauth!;
    const oauth = await oauthFor(profile, '1234567890123456', 'ig-app-secret-5', {
      issuesRefreshTokens: false, accessTtlSeconds: 3600,
      exchange: { path: profile.exchange!.path, grantType: 'fb_exchange_token', tokenParam: 'fb_exchange_token', ttlSeconds: 60 * 86_400 },
      answer: (t) => ({ access_token: t.accessToken, token_type: 'bearer', expires_in: t.expiresIn }),
    });
    const ig = await startFakeInstagram({ oauth, accountId: '17841400000000001', processingPolls: 1 });
    closers.push(ig.close);
    const config: ChannelConfig = { name: 'shop-ig', type: 'instagram', appId: '1234567890123456', appSecret: 'ig-app-secret-5', accountId: '17841400000000001', api: ig.url };
    const credentials = new CredentialsFile(join(makeTempDir(), 'credentials.json'));
    const { entry, authorizeUrl } = await connectByBrowser({ config, profile, credentials });
    expect(authorizeUrl.pathname).toBe('/v23.0/dialog/oauth');
    expect(authorizeUrl.searchParams.get('scope')).toBe('instagram_basic,instagram_content_publish,pages_read_engagement');
    expect(oauth.tokenCalls.map((call) => [call.grant, call.ok])).toEqual([['authorization_code', true], ['fb_exchange_token', true]]);
    expect(entry.tokens.refreshToken).toBeUndefined();
    // The IG account the login reaches through its Page names the account in promo accounts.
    expect(entry).toMatchObject({ accountId: '17841400000000001', accountName: '@teashop' });
    expect(Date.parse(entry.tokens.expiresAt) - Date.now()).toBeGreaterThan(59 * 86_400_000);

    const result = await post(createInstagramChannel(config), makePost({ video: await (await makeMediaFolder()).video(), due: new Date(0) }), config, profile, credentials);
    expect(result.remoteId).toBe(ig.media[0]!.id);
  });

  it('Douyin: the data envelope with open_id; an expired token refreshed at /oauth/refresh_token/', async () => {
    const profile = douyinKind.oauth!;
    const openId = '_000QadFMhmU1jNCI3JdPnyVDL6XavC70dFy';
    // Douyin's own parameters: the code exchange with client_secret, the refresh without it.
    const oauth = await startFakeDouyinOAuth({ clientId: 'awx1234567890abcd', clientSecret: 'dy-secret-8', accountId: openId, accessTtlSeconds: 15 * 86_400, refreshTtlSeconds: 30 * 86_400 });
    closers.push(oauth.close);
    const douyin = await startFakeDouyin({ oauth, openId, reviewPolls: 1 });
    closers.push(douyin.close);
    const config: ChannelConfig = { name: 'shop-douyin', type: 'douyin', clientKey: 'awx1234567890abcd', clientSecret: 'dy-secret-8', api: douyin.url };
    const credentials = new CredentialsFile(join(makeTempDir(), 'credentials.json'));
    const { entry, authorizeUrl } = await connectByBrowser({ config, profile, credentials });
    expect(authorizeUrl.pathname).toBe('/platform/oauth/connect/');
    expect(authorizeUrl.searchParams.get('client_key')).toBe('awx1234567890abcd');
    // Named as Douyin's /oauth/userinfo/ reports the account (the open_id from the token answer).
    expect(entry).toMatchObject({ accountId: openId, accountName: '茶叶小店' });
    expect(Date.parse(entry.tokens.refreshExpiresAt!) - Date.now()).toBeGreaterThan(29 * 86_400_000);

    oauth.expireAccessTokens();
    const item = makePost({ video: await (await makeMediaFolder()).video(), due: new Date(0), text: '今晚8点 #直播' });
    const result = await post(createDouyinChannel(config), item, config, profile, credentials, entry.accountId);
    expect(result.remoteId).toBe(douyin.items[0]!.id);
    expect(oauth.tokenCalls.map((call) => [call.grant, call.ok])).toEqual([['authorization_code', true], ['refresh_token', true]]);
  });

  it("Kuaishou: app_id and app_secret in the query, the result: 1 answer, and a post with the stored token", async () => {
    const profile = kuaishouKind.oauth!;
    const oauth = await oauthFor(profile, 'ks123456789012345678', 'ks-secret-3', {
      accountId: 'ks-open-id-1', accessTtlSeconds: 172_800, refreshTtlSeconds: 180 * 86_400,
      answer: (t) => ({ result: 1, access_token: t.accessToken, expires_in: t.expiresIn, refresh_token: t.refreshToken, refresh_token_expires_in: t.refreshExpiresIn, open_id: t.accountId, scopes: t.scope.split(',') }),
    });
    const ks = await startFakeKuaishou({ oauth, appId: 'ks123456789012345678' });
    closers.push(ks.close);
    const config: ChannelConfig = { name: 'shop-ks', type: 'kuaishou', appId: 'ks123456789012345678', appSecret: 'ks-secret-3', api: ks.url };
    const credentials = new CredentialsFile(join(makeTempDir(), 'credentials.json'));
    const { entry, authorizeUrl } = await connectByBrowser({ config, profile, credentials });
    expect(authorizeUrl.searchParams.get('app_id')).toBe('ks123456789012345678');
    expect(authorizeUrl.searchParams.get('ua')).toBe('pc');
    expect(entry).toMatchObject({ accountId: 'ks-open-id-1', accountName: '茶叶小店快手号', scopes: ['user_info', 'user_video_publish'] });

    const media = await makeMediaFolder();
    const result = await post(createKuaishouChannel(config), makePost({ video: await media.video(), cover: await media.cover(), due: new Date(0) }), config, profile, credentials);
    expect(result.remoteId).toBe(ks.photos[0]!.id);
  });
});
