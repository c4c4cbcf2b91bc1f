// A Douyin refresh-token renewal the service refuses (renewed 5 times already, 10020), as the
// daemon tries it: the refusal is kept on the account, which stays usable until the token ends
// (not marked for reconnecting); `promo status` (text and --json) and `promo accounts --json` say
// to reconnect before then; the daemon asks no more. No token in any output.
import { describe, expect, it } from 'vitest';
import { douyinRenewalRigs, expectNoTokens, OPEN_ID } from './douyin-renewal-rig.ts';

const setup = douyinRenewalRigs();

describe('a refused Douyin refresh-token renewal', () => {
  it('a refused renewal (renewed 5 times already) is kept: status and accounts say to reconnect before the end; not asked again', async () => {
    const rig = await setup(4, 0);
    const { granted, promo, status, outputs, stored } = rig;
    const run = await promo(['daemon', '--once']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/account dy \(douyin\): .*Douyin refused to renew the refresh token \(10020: .*\): the refresh token works until .*; run `promo accounts connect dy` before then/);
    const refused = await stored();
    expect(refused.renewRefused).toMatch(/10020/);
    // Still usable until its end: not marked for reconnecting, the same tokens kept.
    expect(refused.needsReconnect).toBeUndefined();
    expect(refused.tokens).toMatchObject({ accessToken: granted.accessToken, refreshToken: granted.refreshToken });
    expect(rig.oauth.refreshTokens()).toEqual([{ token: granted.refreshToken, live: true }]);

    // Said as a refusal (a reconnect is due), not as a token merely ending soon.
    expect(await status()).toEqual([{
      channel: 'dy', type: 'douyin', account: '茶叶小店', problem: 'renewal-refused',
      message: expect.stringMatching(/10020.*; its refresh token works until .* \(4 d left\): run `promo accounts connect dy` before then$/),
    }]);
    const text = await promo(['status']);
    expect(text.stdout).toMatch(/dy +douyin +茶叶小店 +renewal-refused +.*promo accounts connect dy/);
    const accounts = await promo(['accounts', '--json']);
    expect(accounts.code, accounts.stderr).toBe(0);
    const [row] = JSON.parse(accounts.stdout) as Record<string, unknown>[];
    expect(row).toMatchObject({ channel: 'dy', status: 'connected', accountId: OPEN_ID, accountName: '茶叶小店', renewRefused: expect.stringMatching(/10020/) });
    expect((row!.problems as string[])[0]).toMatch(/run `promo accounts connect dy` before then$/);

    await promo(['daemon', '--once']);
    expect(rig.oauth.tokenCalls).toHaveLength(1);
    expectNoTokens(outputs, [granted.accessToken, granted.refreshToken]);
  });
});
