// A Douyin access-token refresh at a post's send refused for the app's client key (10003, in the
// 200 `data` envelope as Douyin answers): the post fails once, not retried and nothing uploaded, and
// the account keeps the same fact a refused renewal keeps (clientRefused), so `promo status` and
// `promo accounts` name the settings to fix (never a value) instead of saying nothing. Once
// config.yaml is fixed and the post retried, it is posted once and the fact is gone. Real processes
// against the loopback Douyin fake and its OAuth service (which checks the refresh's documented
// parameters: client_key, grant_type, refresh_token, no client_secret; and that the refresh token is
// live); times relative to the real clock, never waited for.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountEntry } from '../../src/accounts/credentials-file.ts';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import { douyinKind } from '../../src/channels/douyin-kind.ts';
import { startFakeDouyin } from '../helpers/fake-douyin-server.ts';
import { startFakeDouyinOAuth } from '../helpers/fake-douyin-oauth.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { DAY, OPEN_ID, SECRET, type AttentionJson } from './douyin-renewal-rig.ts';
import { makePlatformRig } from './platform-daemon-rig.ts';

const profile = douyinKind.oauth!;
const KEY = 'awx1234567890abcd';
const WRONG = 'awx0000000000wrong';
const closers: (() => Promise<void>)[] = [];
let clip: string;
beforeAll(async () => { clip = await makeVideo({ width: 320, height: 180, duration: 5, audio: 'stereo' }); }, 120_000);
afterEach(async () => { for (const close of closers.splice(0).reverse()) await close(); });

describe('a Douyin refresh at a send refused for a wrong client key', () => {
  it('fails the post once, shows client-refused in promo status and promo accounts, and a fixed config posts it once and clears it', async () => {
    // Douyin answers a refused token request with HTTP 200 and its own code (10003: check client_key).
    const oauth = await startFakeDouyinOAuth({ clientId: KEY, clientSecret: SECRET, accountId: OPEN_ID });
    const douyin = await startFakeDouyin({ oauth, openId: OPEN_ID, reviewPolls: 1 });
    closers.push(oauth.close, douyin.close);
    const granted = oauth.grant();
    // The access token has ended in promo's view (the send refreshes it); the refresh token has weeks left (no renewal due).
    const account: AccountEntry = {
      kind: 'douyin', accountId: OPEN_ID, accountName: '茶叶小店', scopes: [...profile.scopes],
      tokens: { accessToken: granted.accessToken, refreshToken: granted.refreshToken!, expiresAt: new Date(Date.now() - 60_000).toISOString(), refreshExpiresAt: new Date(Date.now() + 20 * DAY).toISOString() },
    };
    const rig = await makePlatformRig({
      clip, name: 'dy', text: '{{product.name}} 今晚开播', env: { DY_SECRET: SECRET }, account,
      channel: { type: 'douyin', clientKey: WRONG, clientSecret: '${DY_SECRET}', api: douyin.url },
    });
    const stored = async () => (await CredentialsFile.forState(rig.state, {}).get('dy'))!;
    const attention = async () => {
      const run = await rig.promo(['status', '--json']);
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as AttentionJson).accounts.needsPerson;
    };
    expect((await rig.promo(['schedule', 'spec.yaml'])).code).toBe(0);

    const failed = await rig.daemonAt(0);
    // The post's failure in the words promo status and promo accounts use below (the refresh carries no secret: the key alone is named).
    expect(failed.stderr).toMatch(/post #1 → dy: failed: .*Douyin refused the token request \(10003: .*\): the service refused the app's client key; fix `clientKey` of channel dy in config\.yaml\n/);
    expect(oauth.tokenRequests).toEqual([{ path: '/oauth/refresh_token/', params: ['client_key', 'grant_type', 'refresh_token'] }]);
    expect(oauth.tokenCalls).toEqual([{ grant: 'refresh_token', ok: false, reason: expect.stringMatching(/^invalid_client: /) }]);
    expect(douyin.videos).toEqual([]);
    expect(douyin.items).toEqual([]);
    const [post] = await rig.posts();
    expect(post).toMatchObject({ state: 'failed' });
    const kept = await stored();
    expect(kept.clientRefused).toMatchObject({ field: 'clientKey', error: expect.stringMatching(/\(10003: /) });
    expect(kept.clientRefused!.secretField).toBeUndefined();
    expect(kept.needsReconnect).toBeUndefined();
    expect(kept.tokens).toMatchObject({ accessToken: granted.accessToken, refreshToken: granted.refreshToken });

    // Not retried by itself: a later tick asks the service nothing and sends nothing.
    await rig.daemonAt(2);
    expect(oauth.tokenCalls).toHaveLength(1);
    expect(douyin.videos).toEqual([]);

    const fix = /Douyin refused the token request \(10003: .*\): the service refused the app's client key; fix `clientKey` of channel dy in config\.yaml/;
    expect(await attention()).toEqual([{
      channel: 'dy', type: 'douyin', account: '茶叶小店', problem: 'client-refused',
      message: expect.stringMatching(new RegExp(`${fix.source}; posts to dy fail until that is fixed \\(its refresh token works until 20\\d\\d-.* \\(20 d left\\)\\)$`)),
    }]);
    const text = await rig.promo(['status']);
    expect(text.stdout).toMatch(/dy +douyin +茶叶小店 +client-refused +.*fix `clientKey` of channel dy in config\.yaml; posts to dy fail/);
    const accounts = await rig.promo(['accounts']);
    expect(accounts.code, accounts.stderr).toBe(0);
    expect(accounts.stdout).toMatch(new RegExp(`\\ndy: .*${fix.source}\\n`));
    expect(accounts.stdout).not.toContain('promo accounts connect');
    for (const output of [text.stdout, accounts.stdout, JSON.stringify(await attention())]) expect(output).not.toContain(WRONG);

    // Fixed in config.yaml, the post retried by a person: refreshed, posted once, the fact gone.
    writeFileSync(rig.dir.config, readFileSync(rig.dir.config, 'utf8').replace(WRONG, KEY));
    expect((await rig.promo(['posts', 'retry', '1'])).code).toBe(0);
    await rig.daemonAt(3);
    await rig.daemonAt(5);
    expect(oauth.tokenCalls).toEqual([{ grant: 'refresh_token', ok: false, reason: expect.stringMatching(/^invalid_client: /) }, { grant: 'refresh_token', ok: true }]);
    expect(douyin.items).toHaveLength(1);
    expect(douyin.videos).toHaveLength(1);
    const [sent] = await rig.posts();
    expect(sent, rig.output.join('\n')).toMatchObject({ state: 'sent', remoteId: douyin.items[0]!.id });
    const renewed = await stored();
    expect(renewed.clientRefused).toBeUndefined();
    expect(renewed.tokens.accessToken).not.toBe(granted.accessToken);
    expect(await attention()).toEqual([]);
    expect((await rig.promo(['accounts'])).stdout).not.toContain('refused');
    for (const output of rig.output) {
      for (const secret of [SECRET, granted.accessToken, granted.refreshToken!, renewed.tokens.accessToken]) expect(output).not.toContain(secret);
    }
  }, 240_000);
});
