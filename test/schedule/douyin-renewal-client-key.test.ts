// A Douyin refresh-token renewal the service refuses for the app's own request (a client_key that
// is not the app's: 10003, as the loopback fake answers like Douyin): a configuration error, not a
// refused renewal. The daemon names the config field to fix and keeps nothing on the account (no
// reconnect asked, the token as it was), so once config.yaml is fixed the next run renews it.
import { describe, expect, it } from 'vitest';
import { DAY, douyinRenewalRigs, expectNoTokens } from './douyin-renewal-rig.ts';

const setup = douyinRenewalRigs();

describe('a Douyin renewal refused for a wrong client key', () => {
  it('says to fix clientKey of the channel in config.yaml, keeps the token as it was, and renews once the config is fixed', async () => {
    const rig = await setup(4, 5, 'awx0000000000wrong');
    const { granted, promo, outputs, stored } = rig;
    const run = await promo(['daemon', '--once']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/account dy \(douyin\): .*Douyin refused to renew the refresh token \(10003: .*\): the service refused the app's client key; fix `clientKey` of channel dy in config\.yaml/);
    // Connecting the account again would not help: the renewal's line does not say to.
    expect(run.stderr.split('\n').find((line) => line.includes('10003'))).not.toContain('promo accounts connect');
    expect(rig.oauth.tokenCalls).toEqual([{ grant: 'renew_refresh_token', ok: false, reason: expect.stringMatching(/^10003: /) }]);
    const kept = await stored();
    expect(kept.renewRefused).toBeUndefined();
    expect(kept.needsReconnect).toBeUndefined();
    expect(kept.tokens).toMatchObject({ accessToken: granted.accessToken, refreshToken: granted.refreshToken });
    expect((await promo(['status', '--json'])).stdout).not.toContain('renewal-refused');

    rig.writeConfig(rig.clientKey);
    const fixed = await promo(['daemon', '--once']);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stderr).toMatch(/account dy \(douyin\): refresh token renewed, good until 20\d\d-/);
    const renewed = await stored();
    expect(renewed.tokens.refreshToken).not.toBe(granted.refreshToken);
    expect(Date.parse(renewed.tokens.refreshExpiresAt!) - Date.now()).toBeGreaterThan(29 * DAY);
    expectNoTokens(outputs, [granted.accessToken, granted.refreshToken, renewed.tokens.refreshToken]);
  }, 120_000);
});
