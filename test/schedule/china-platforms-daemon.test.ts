// Douyin and Kuaishou posts end to end: `promo schedule` renders the video (and its cover), then
// `promo daemon --once --now` runs (real processes) against each fake, the account in the
// credentials file. Douyin gets the account's open_id from the stored account (every video call
// carries it) and the post is followed through review to its share URL; its stored access token
// has ended, so the post needs a refresh from the faithful Douyin OAuth fake (exactly client_key,
// grant_type and refresh_token: a client secret or a missing parameter is refused and nothing is
// posted). Kuaishou gets the rendered cover with the publish. One post each with the rendered
// bytes; no token in the database or the output.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { douyinKind } from '../../src/channels/douyin-kind.ts';
import { kuaishouKind } from '../../src/channels/kuaishou-kind.ts';
import { startFakeDouyinOAuth } from '../helpers/fake-douyin-oauth.ts';
import { startFakeDouyin } from '../helpers/fake-douyin-server.ts';
import { startFakeKuaishou } from '../helpers/fake-kuaishou-server.ts';
import { startFakeOAuth } from '../helpers/fake-oauth-server.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { makePlatformRig, type PlatformRig } from './platform-daemon-rig.ts';

let clip: string;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => { clip = await makeVideo({ width: 320, height: 180, duration: 5, audio: 'stereo' }); });
afterEach(async () => { for (const close of closers.splice(0).reverse()) await close(); });

const sha256 = (rig: PlatformRig, file: string) => createHash('sha256').update(readFileSync(join(rig.dir.out, 'TEA-001', file))).digest('hex');

function expectNoSecrets(rig: PlatformRig, secrets: string[]): void {
  const db = rig.database();
  for (const secret of secrets) {
    expect(db).not.toContain(secret);
    for (const text of rig.output) expect(text).not.toContain(secret);
  }
}

describe('Douyin and Kuaishou posts through promo schedule and the daemon', () => {
  it('Douyin: refreshed as Douyin documents, posted once with the stored open_id, followed through review to its share URL', async () => {
    const openId = '_000QadFMhmU1jNCI3JdPnyVDL6XavC70dFy';
    const oauth = await startFakeDouyinOAuth({ clientId: 'awx1234567890abcd', clientSecret: 'dy-daemon-secret-4', accountId: openId });
    const douyin = await startFakeDouyin({ oauth, openId, reviewPolls: 1 });
    closers.push(oauth.close, douyin.close);
    const granted = oauth.grant();
    // Ended at the service too: only a refreshed token can post.
    oauth.expireAccessTokens();
    const rig = await makePlatformRig({
      clip, name: 'dy', text: '{{product.name}} 今晚开播 #直播', env: { DY_SECRET: 'dy-daemon-secret-4' },
      channel: { type: 'douyin', clientKey: 'awx1234567890abcd', clientSecret: '${DY_SECRET}', api: douyin.url },
      // Ended an hour ago in promo's view; the refresh token has weeks left (no renewal due).
      account: { kind: 'douyin', accountId: openId, scopes: [...douyinKind.oauth!.scopes], tokens: { accessToken: granted.accessToken, refreshToken: granted.refreshToken!, expiresAt: new Date(Date.now() - 3_600_000).toISOString(), refreshExpiresAt: new Date(Date.now() + 20 * 86_400_000).toISOString() } },
    });
    expect((await rig.promo(['schedule', 'spec.yaml'])).code).toBe(0);
    await rig.daemonAt(0);
    expect(oauth.tokenCalls, rig.output.join('\n')).toEqual([{ grant: 'refresh_token', ok: true }]);
    expect(oauth.tokenRequests).toEqual([{ path: douyinKind.oauth!.refreshPath, params: ['client_key', 'grant_type', 'refresh_token'] }]);
    expect(douyin.items).toHaveLength(1);
    // Under review after the first look: the next one a minute later by the real clock.
    await rig.daemonAt(5);
    const [post] = await rig.posts();
    expect(post, rig.output.join('\n')).toMatchObject({ state: 'sent', remoteId: douyin.items[0]!.id, remoteUrl: douyin.items[0]!.shareUrl });
    expect(douyin.items[0]).toMatchObject({ text: 'Longjing 今晚开播 #直播', videoSha256: sha256(rig, 'tiny.mp4') });
    expect(douyin.items[0]!.coverBytes).toBeGreaterThan(0);
    expectNoSecrets(rig, [granted.accessToken, ...oauth.refreshTokens().map((t) => t.token), 'dy-daemon-secret-4']);
  });

  it('Kuaishou: published once with the rendered cover', async () => {
    const oauth = await startFakeOAuth({ authorizePath: kuaishouKind.oauth!.authorizePath, tokenPath: kuaishouKind.oauth!.tokenPath, clientIdParam: 'app_id', clientSecretParam: 'app_secret', clientId: 'ks1', pkce: 'none', scopeSeparator: ',', grantScopes: [...kuaishouKind.oauth!.scopes] });
    const ks = await startFakeKuaishou({ oauth, appId: 'ks1' });
    closers.push(oauth.close, ks.close);
    const granted = oauth.grant();
    const rig = await makePlatformRig({
      clip, name: 'ks', text: '{{product.name}} 今晚8点 #龙井 ', env: { KS_SECRET: 'ks-daemon-secret-6' },
      channel: { type: 'kuaishou', appId: 'ks1', appSecret: '${KS_SECRET}', api: ks.url },
      account: { kind: 'kuaishou', scopes: [...kuaishouKind.oauth!.scopes], tokens: { accessToken: granted.accessToken, refreshToken: granted.refreshToken!, expiresAt: new Date(Date.now() + 48 * 3_600_000).toISOString() } },
    });
    expect((await rig.promo(['schedule', 'spec.yaml'])).code).toBe(0);
    await rig.daemonAt(0);
    const [post] = await rig.posts();
    expect(post, rig.output.join('\n')).toMatchObject({ state: 'sent', remoteId: ks.photos[0]!.id });
    expect(ks.photos).toEqual([expect.objectContaining({ caption: 'Longjing 今晚8点 #龙井 ', videoSha256: sha256(rig, 'tiny.mp4'), coverBytes: readFileSync(join(rig.dir.out, 'TEA-001', 'tiny.jpg')).length })]);
    expectNoSecrets(rig, [granted.accessToken, granted.refreshToken!, 'ks-daemon-secret-6']);
  });
});
