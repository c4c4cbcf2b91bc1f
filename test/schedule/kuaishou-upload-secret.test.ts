// Kuaishou's upload token lets anyone holding it upload into the post: the driver declares it
// `secretProgress`, so the daemon keeps it in the (encrypted) credentials file, never the state
// database. The post runs through `promo schedule` and `promo daemon --once` (real processes, the
// loopback Kuaishou fake), killed with SIGKILL right after the checkpoint that saved the token:
// the raw bytes of state.db and its -wal hold no token, the credentials file holds it (not as
// text: encrypted); the next daemon goes on with it (no second start_upload, one photo), and once
// the post is sent the entry is gone from the credentials file too.
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import { kuaishouKind } from '../../src/channels/kuaishou-kind.ts';
import { startFakeKuaishou } from '../helpers/fake-kuaishou-server.ts';
import { startFakeOAuth } from '../helpers/fake-oauth-server.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { makePlatformRig } from './platform-daemon-rig.ts';
import { expectNowhere, KEY, KILL, runUntilSent, uploadsOf } from './upload-secrets-checks.ts';

let clip: string;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => { clip = await makeVideo({ width: 320, height: 180, duration: 5, audio: 'stereo' }); });
afterEach(async () => { for (const close of closers.splice(0).reverse()) await close(); });

describe('the upload token of a Kuaishou post stays out of the state database', () => {
  it('Kuaishou: killed once the upload token is saved; the token only in the credentials file, gone once sent', async () => {
    const profile = kuaishouKind.oauth!;
    const oauth = await startFakeOAuth({ authorizePath: profile.authorizePath, tokenPath: profile.tokenPath, clientIdParam: 'app_id', clientSecretParam: 'app_secret', clientId: 'ks1', pkce: 'none', scopeSeparator: ',', grantScopes: [...profile.scopes] });
    const ks = await startFakeKuaishou({ oauth, appId: 'ks1' });
    closers.push(oauth.close, ks.close);
    const granted = oauth.grant();
    const rig = await makePlatformRig({
      clip, name: 'ks', text: '{{product.name}} 今晚8点 #龙井 ', env: { KS_SECRET: 'ks-secrets-app-secret-6', ...KEY },
      channel: { type: 'kuaishou', appId: 'ks1', appSecret: '${KS_SECRET}', api: ks.url },
      account: { kind: 'kuaishou', scopes: [...profile.scopes], tokens: { accessToken: granted.accessToken, refreshToken: granted.refreshToken!, expiresAt: new Date(Date.now() + 48 * 3_600_000).toISOString() } },
    });
    expect((await rig.promo(['schedule', 'spec.yaml'])).code).toBe(0);

    const killed = await rig.daemonAt(0, KILL);
    expect(killed.signal).toBe('SIGKILL');
    expect(ks.uploadTokens).toHaveLength(1);
    expect(ks.received).toEqual([]);
    const [token] = ks.uploadTokens;
    expect((await rig.posts())[0]).toMatchObject({ state: 'sending' });
    expect(Object.values(await uploadsOf(rig))).toEqual([{ uploadToken: token }]);
    expectNowhere(rig, [token!]);
    expect(readFileSync(CredentialsFile.forState(rig.state, KEY).path, 'utf8')).not.toContain(token);

    const sent = await runUntilSent(rig, [1, 2, 3]);
    // The next daemon went on with the saved token: no second start_upload, one photo.
    expect(ks.starts).toBe(1);
    expect(ks.photos).toHaveLength(1);
    expect(sent).toMatchObject({ remoteId: ks.photos[0]!.id });
    expect(await uploadsOf(rig)).toEqual({});
    expectNowhere(rig, [token!, granted.accessToken, granted.refreshToken!, 'ks-secrets-app-secret-6']);
  });
});
