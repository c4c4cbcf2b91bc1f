// Instagram's upload URI lets anyone holding it (with a token) upload into the container: the
// driver declares it `secretProgress`, so the daemon keeps it in the (encrypted) credentials file,
// never the state database. The post runs through `promo schedule` and `promo daemon --once`
// (real processes, the loopback Instagram fake), killed with SIGKILL right after the checkpoint
// that saved the container and its URI: the raw bytes of state.db and its -wal hold no URI, the
// credentials file holds it (not as text: encrypted); the next daemon resumes with it, one Reel,
// and once the post is sent the entry is gone from the credentials file too.
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import { instagramKind } from '../../src/channels/instagram-kind.ts';
import { startFakeInstagram } from '../helpers/fake-instagram-server.ts';
import { startFakeOAuth } from '../helpers/fake-oauth-server.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { makePlatformRig } from './platform-daemon-rig.ts';
import { expectNowhere, KEY, KILL, runUntilSent, uploadsOf } from './upload-secrets-checks.ts';

let clip: string;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => { clip = await makeVideo({ width: 320, height: 180, duration: 5, audio: 'stereo' }); });
afterEach(async () => { for (const close of closers.splice(0).reverse()) await close(); });

describe('the upload URI of an Instagram post stays out of the state database', () => {
  it('Instagram: killed once the container and its upload URI are saved; the URI only in the credentials file, gone once sent', async () => {
    const account = '17841400000000011';
    const profile = instagramKind.oauth!;
    const oauth = await startFakeOAuth({ authorizePath: profile.authorizePath, tokenPath: profile.tokenPath, clientId: '1234567890123456', pkce: 'none', issuesRefreshTokens: false, scopeSeparator: ',', grantScopes: [...profile.scopes], accessTtlSeconds: 60 * 86_400 });
    const ig = await startFakeInstagram({ oauth, accountId: account, processingPolls: 1 });
    closers.push(oauth.close, ig.close);
    const granted = oauth.grant();
    const rig = await makePlatformRig({
      clip, name: 'ig', text: '{{product.name}} tonight #tea', env: { IG_SECRET: 'ig-secrets-app-secret-5', ...KEY },
      channel: { type: 'instagram', appId: '1234567890123456', appSecret: '${IG_SECRET}', accountId: account, api: ig.url },
      account: { kind: 'instagram', scopes: [...profile.scopes], tokens: { accessToken: granted.accessToken, expiresAt: new Date(Date.now() + 60 * 86_400_000).toISOString() } },
    });
    expect((await rig.promo(['schedule', 'spec.yaml'])).code).toBe(0);

    // 30 minutes ahead (the channel's lead) the container is made; its checkpoint is the first.
    const killed = await rig.daemonAt(-30, KILL);
    expect(killed.signal).toBe('SIGKILL');
    expect(ig.containers).toHaveLength(1);
    expect(ig.uploads).toEqual([]);
    const [post] = await rig.posts();
    expect(post).toMatchObject({ state: 'sending' });
    const saved = await uploadsOf(rig);
    const uri = String(Object.values(saved)[0]?.uploadUri);
    expect(Object.values(saved)).toEqual([{ uploadUri: expect.stringMatching(new RegExp(`/ig-api-upload/v[\\d.]+/${ig.containers[0]!.id}$`)) }]);
    // Neither the URI nor its upload path in the database's bytes (the container id alone is there: it is no capability).
    expectNowhere(rig, [uri, 'ig-api-upload']);
    expect(readFileSync(CredentialsFile.forState(rig.state, KEY).path, 'utf8')).not.toContain('ig-api-upload');

    const sent = await runUntilSent(rig, [-29, 0, 1, 2, 3, 4]);
    expect(ig.containers).toHaveLength(1);
    expect(ig.media).toHaveLength(1);
    expect(sent).toMatchObject({ remoteId: ig.media[0]!.id });
    expect(await uploadsOf(rig)).toEqual({});
    expectNowhere(rig, [uri, 'ig-api-upload', granted.accessToken, 'ig-secrets-app-secret-5']);
  });
});
