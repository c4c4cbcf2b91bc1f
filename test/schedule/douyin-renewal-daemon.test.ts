// Douyin's refresh token (30 days) is not extended by refreshing and an account may go weeks
// without a post: `promo daemon` renews it (/oauth/renew_refresh_token/, client_key and the
// refresh token) once it is due, with no post at all, as real processes against the loopback
// Douyin fake and its OAuth service (which check the client key, that the token is live and not
// past its end, and how often it was renewed). The new token is in the credentials file, the old
// one refused by the service; `promo status` says a token ending soon was not renewed before, and
// nothing after. A token the service ended already is refused as expired (10010) and kept so.
// Expiries are set in the fake and the credentials file, never waited for; no token in any output.
import { describe, expect, it } from 'vitest';
import { DAY, douyinRenewalRigs, expectNoTokens } from './douyin-renewal-rig.ts';

const setup = douyinRenewalRigs();

describe('promo daemon renews Douyin refresh tokens', () => {
  it('renews a token 3 days from its end with no post due: stored, the old one refused, nothing asked again', async () => {
    const rig = await setup(3);
    const { granted, promo, status, outputs, stored } = rig;
    const before = await status();
    expect(before).toEqual([{
      channel: 'dy', type: 'douyin', account: '茶叶小店', problem: 'token-expiring',
      message: expect.stringMatching(/^its refresh token expires at .* \(in 3 d\) and was not renewed \(`promo daemon` renews it from 5 days ahead\): then posts fail until you run `promo accounts connect dy`$/),
    }]);

    const first = await promo(['daemon', '--once']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/account dy \(douyin\): refresh token renewed, good until 20\d\d-/);
    // The start-up account check comes after the renewal: nothing left to say about the token.
    expect(first.stderr).not.toContain('token-expiring');
    expect(rig.oauth.tokenCalls).toEqual([{ grant: 'renew_refresh_token', ok: true }]);
    const renewed = await stored();
    expect(renewed.tokens.refreshToken).not.toBe(granted.refreshToken);
    expect(Date.parse(renewed.tokens.refreshExpiresAt!) - Date.now()).toBeGreaterThan(29 * DAY);
    // The access token was not touched; the service retired the old refresh token, the new one works.
    expect(renewed.tokens.accessToken).toBe(granted.accessToken);
    expect(rig.oauth.refreshTokens()).toEqual([{ token: granted.refreshToken, live: false }, { token: renewed.tokens.refreshToken, live: true }]);
    expect(renewed.renewRefused).toBeUndefined();

    // Not due any more: the next run asks nothing, and the status has nothing to say about it.
    const second = await promo(['daemon', '--once']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toContain('refresh token renewed');
    expect(rig.oauth.tokenCalls).toHaveLength(1);
    expect(await status()).toEqual([]);
    expectNoTokens(outputs, [granted.accessToken, granted.refreshToken, renewed.tokens.refreshToken]);
  }, 120_000);

  it('a token the service already ended (promo thought it had days left) is refused as expired, and kept so', async () => {
    const rig = await setup(4);
    const { granted, promo, stored } = rig;
    // The service ended it earlier than promo believed (revoked by the user, a clock promo did not know).
    rig.oauth.endRefreshTokenAt(granted.refreshToken!, new Date(Date.now() - 1000));
    const run = await promo(['daemon', '--once']);
    expect(run.stderr).toMatch(/account dy \(douyin\): .*10010/);
    expect((await stored()).renewRefused).toMatch(/10010/);
  }, 120_000);
});
