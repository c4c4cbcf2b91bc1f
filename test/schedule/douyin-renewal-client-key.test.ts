// A Douyin refresh-token renewal the service refuses for the app's own request (a client_key that
// is not the app's: 10003, as the loopback fake answers like Douyin): a configuration error, not a
// refused renewal. The daemon names the config field to fix and keeps only that fact on the account
// (no reconnect asked, the token as it was), so once config.yaml is fixed the next run renews it.
// `promo status` and `promo accounts` read the same fact: the setting to fix instead of an
// expiring token, and the daemon's start-up check, after the first renewal, says it too.
import { describe, expect, it } from 'vitest';
import { PROMO_BIN } from '../helpers/spec-dir.ts';
import { spawnTracked } from '../helpers/spawn-tracked.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { DAY, douyinRenewalRigs, expectNoTokens, SECRET } from './douyin-renewal-rig.ts';

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
    // The start-up account check comes after the first renewal: it says what that left (the
    // setting to fix), not the token as expiring and unrenewed the moment before the renewal's line.
    expect(run.stderr).not.toContain('token-expiring');
    expect(run.stderr).toMatch(/: the service refused the app's client key; fix `clientKey` of channel dy in config\.yaml \(the refresh token is left as it was and renewed once that is fixed\)\n.*account dy \(douyin\): client-refused: /);
    expect(rig.oauth.tokenCalls).toEqual([{ grant: 'renew_refresh_token', ok: false, reason: expect.stringMatching(/^10003: /) }]);
    const kept = await stored();
    expect(kept.renewRefused).toBeUndefined();
    expect(kept.needsReconnect).toBeUndefined();
    expect(kept.tokens).toMatchObject({ accessToken: granted.accessToken, refreshToken: granted.refreshToken });
    expect((await promo(['status', '--json'])).stdout).not.toContain('renewal-refused');
    // The daemon's fact, read by promo status: the setting to fix, not the token's end or a reconnect.
    expect(kept.clientRefused).toMatchObject({ field: 'clientKey', error: expect.stringMatching(/\(10003: /) });
    const [attention, ...others] = await rig.status();
    expect(others).toEqual([]);
    expect(attention).toMatchObject({ channel: 'dy', problem: 'client-refused' });
    expect(attention!.message).toMatch(/Douyin refused to renew the refresh token \(10003: .*\): the service refused the app's client key; fix `clientKey` of channel dy in config\.yaml; its refresh token works until 20\d\d-.* \(4 d left\) and is renewed once that is fixed$/);
    expect(attention!.message).not.toContain('promo accounts connect');
    const text = await promo(['status']);
    expect(text.stdout).toMatch(/dy +douyin +茶叶小店 +client-refused +.*fix `clientKey` of channel dy in config\.yaml; .* is renewed once that is fixed\n/);
    expect(text.stdout).not.toContain('token-expiring');
    // The wrong key is not echoed back (the setting is named, not its value).
    expect(text.stdout).not.toContain('awx0000000000wrong');
    // promo accounts says it too, as one of the account's problems.
    const accounts = await promo(['accounts']);
    expect(accounts.stdout).toMatch(/\ndy: .*Douyin refused to renew the refresh token \(10003: .*\): the service refused the app's client key; fix `clientKey` of channel dy in config\.yaml\n/);
    expect(accounts.stdout).not.toContain('awx0000000000wrong');

    rig.writeConfig(rig.clientKey);
    // Fixed but not renewed yet: no longer a config problem, the renewal is what is due now.
    expect((await rig.status()).map((a) => a.problem)).toEqual(['token-expiring']);
    const fixed = await promo(['daemon', '--once']);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stderr).toMatch(/account dy \(douyin\): refresh token renewed, good until 20\d\d-/);
    const renewed = await stored();
    expect(renewed.clientRefused).toBeUndefined();
    expect(await rig.status()).toEqual([]);
    expect((await promo(['accounts'])).stdout).not.toContain('refused');
    expect(renewed.tokens.refreshToken).not.toBe(granted.refreshToken);
    expect(Date.parse(renewed.tokens.refreshExpiresAt!) - Date.now()).toBeGreaterThan(29 * DAY);
    expectNoTokens(outputs, [granted.accessToken, granted.refreshToken, renewed.tokens.refreshToken]);
  }, 120_000);

  it('a daemon left running: its start-up account check follows the first renewal, so it never says token-expiring first', async () => {
    const rig = await setup(4, 5, 'awx0000000000wrong');
    const daemon = spawnTracked(process.execPath, [PROMO_BIN, 'daemon', '--config', rig.config], { env: { ...process.env, DY_SECRET: SECRET }, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    daemon.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
    await waitFor(() => log.includes('client-refused: '), () => `the daemon's start-up account check; its log:\n${log}`, 60_000);
    daemon.kill('SIGTERM');
    await new Promise((resolve) => daemon.on('close', resolve));
    const lines = log.split('\n');
    const renewal = lines.findIndex((line) => /account dy \(douyin\): .*\(10003: .*fix `clientKey` of channel dy in config\.yaml \(the refresh token is left/.test(line));
    const check = lines.findIndex((line) => line.includes('account dy (douyin): client-refused: '));
    expect(renewal, log).toBeGreaterThanOrEqual(0);
    expect(check, log).toBeGreaterThan(renewal);
    expect(log).not.toContain('token-expiring');
    expect(rig.oauth.tokenCalls).toEqual([{ grant: 'renew_refresh_token', ok: false, reason: expect.stringMatching(/^10003: /) }]);
    expectNoTokens([log], [rig.granted.accessToken, rig.granted.refreshToken]);
  }, 120_000);

  it('a client key written as ${VAR}: says promo sends that text as it is, and to write the key itself', async () => {
    const rig = await setup(4, 5, '"${DY_KEY}"');
    const run = await rig.promo(['daemon', '--once']);
    expect(run.code, run.stderr).toBe(0);
    const said = /`clientKey` of channel dy in config\.yaml is the text \$\{DY_KEY\}, which promo does not replace \(only secret settings take environment variables\): write the app's client key itself there/;
    expect(run.stderr).toMatch(said);
    expect(rig.oauth.tokenCalls).toEqual([{ grant: 'renew_refresh_token', ok: false, reason: expect.stringMatching(/^10003: /) }]);
    const [attention] = await rig.status();
    expect(attention).toMatchObject({ channel: 'dy', problem: 'client-refused', message: expect.stringMatching(said) });
    expectNoTokens(rig.outputs, [rig.granted.accessToken, rig.granted.refreshToken]);
  }, 120_000);
});
