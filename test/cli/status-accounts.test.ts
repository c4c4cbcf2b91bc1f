// `promo status` names the platform accounts that need a person, from the credentials file
// beside the state database, as real processes: a channel never connected, an account whose
// refresh the service refused, a refresh token ending within the week, an expired Instagram
// token (Instagram gives no refresh token); a healthy account is not listed, no token ever shows,
// and a credentials file encrypted with a key promo does not have is said without failing the rest.
// The daemon's log says the same when it starts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CredentialsFile, type AccountEntry } from '../../src/accounts/credentials-file.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { runCli } from '../helpers/spec-dir.ts';

// The status is judged by --now, so nothing here depends on today's date.
const NOW = new Date('2031-03-10T08:00:00.000Z');
const at = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString();
const TOKENS = ['ya29.shorts-access-1', '1//shorts-refresh-1', 'act.tiktok-access-2', 'rft.tiktok-refresh-2', 'IGQV-long-lived-3', 'ks-access-4', 'ks-refresh-4'];

function project(): { dir: string; config: string; state: string } {
  const dir = makeTempDir();
  const config = join(dir, 'config.yaml');
  writeFileSync(config, [
    'state: state/promo.db', 'timezone: UTC', 'channels:',
    '  shorts: { type: youtube, clientId: 1234-abc.apps.googleusercontent.com, clientSecret: "${YT_SECRET}" }',
    '  clips: { type: tiktok, clientKey: awtiktok123, clientSecret: "${TT_SECRET}", privacy: SELF_ONLY }',
    '  reels: { type: instagram, appId: "1234567890123456", appSecret: "${IG_SECRET}", accountId: "17841400000000000" }',
    '  dy: { type: douyin, clientKey: awx1234567890abcd, clientSecret: "${DY_SECRET}" }',
    '  ks: { type: kuaishou, appId: ks123456789012345678, appSecret: "${KS_SECRET}" }',
    '',
  ].join('\n'));
  return { dir, config, state: join(dir, 'state', 'promo.db') };
}

function account(kind: string, tokens: AccountEntry['tokens'], more: Partial<AccountEntry> = {}): AccountEntry {
  return { kind, scopes: [], tokens, connectedAt: at(-30), ...more };
}

async function connectAll(state: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
  await CredentialsFile.forState(state, env).update((accounts) => {
    accounts.shorts = account('youtube', { accessToken: TOKENS[0]!, refreshToken: TOKENS[1]!, expiresAt: at(-1) }, {
      accountName: 'Tea Shop Live', needsReconnect: 'the service refused its refresh token (invalid_grant: Token has been expired or revoked.)',
    });
    accounts.clips = account('tiktok', { accessToken: TOKENS[2]!, refreshToken: TOKENS[3]!, expiresAt: at(0.5), refreshExpiresAt: at(2.5) }, { accountName: 'teashop' });
    accounts.reels = account('instagram', { accessToken: TOKENS[4]!, expiresAt: at(-0.25) }, { accountName: '@teashop' });
    accounts.ks = account('kuaishou', { accessToken: TOKENS[5]!, refreshToken: TOKENS[6]!, expiresAt: at(1), refreshExpiresAt: at(150) });
  });
}

interface StatusJson { accounts: { needsPerson: { channel: string; type: string; account?: string; problem: string; message: string }[]; unreadable?: string } }

describe('promo status: platform accounts', () => {
  it('lists the accounts needing a person, with what to run, and never a token', async () => {
    const p = project();
    await connectAll(p.state);
    const json = await runCli(['status', '--json', '--now', NOW.toISOString(), '--config', p.config]);
    expect(json.code, json.stderr).toBe(0);
    const { accounts } = JSON.parse(json.stdout) as StatusJson;
    expect(accounts.unreadable).toBeUndefined();
    expect(accounts.needsPerson).toEqual([
      { channel: 'shorts', type: 'youtube', account: 'Tea Shop Live', problem: 'needs-reconnect', message: expect.stringMatching(/refused its refresh token .*run `promo accounts connect shorts`/) },
      { channel: 'clips', type: 'tiktok', account: 'teashop', problem: 'token-expiring', message: `its refresh token expires at ${at(2.5)} (in 60 h): then posts fail until you run \`promo accounts connect clips\`` },
      { channel: 'reels', type: 'instagram', account: '@teashop', problem: 'token-expired', message: expect.stringMatching(/^its access token \(the service gives no refresh token\) expired at .*run `promo accounts connect reels`$/) },
      { channel: 'dy', type: 'douyin', problem: 'not-connected', message: 'no account connected: run `promo accounts connect dy`' },
    ]);
    const text = await runCli(['status', '--now', NOW.toISOString(), '--config', p.config]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('platform accounts needing a person (4):');
    expect(text.stdout).toMatch(/clips +tiktok +teashop +token-expiring +its refresh token expires/);
    expect(text.stdout).not.toMatch(/^ +ks /m);
    for (const token of TOKENS) {
      expect(json.stdout).not.toContain(token);
      expect(text.stdout).not.toContain(token);
    }
    // A week on, the healthy Kuaishou account is still not listed; the TikTok refresh token has ended.
    const later = JSON.parse((await runCli(['status', '--json', '--now', at(7), '--config', p.config])).stdout) as StatusJson;
    expect(later.accounts.needsPerson.find((a) => a.channel === 'clips')).toMatchObject({ problem: 'token-expired' });
    expect(later.accounts.needsPerson.map((a) => a.channel)).not.toContain('ks');
  });

  it('the daemon\'s log says the same at start, never a token', async () => {
    const p = project();
    await connectAll(p.state);
    const run = await runCli(['daemon', '--once', '--now', NOW.toISOString(), '--config', p.config]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/account shorts \(youtube\): needs-reconnect: needs reconnecting: the service refused its refresh token .*promo accounts connect shorts/);
    expect(run.stderr).toContain(`account clips (tiktok): token-expiring: its refresh token expires at ${at(2.5)} (in 60 h)`);
    expect(run.stderr).toMatch(/account reels \(instagram\): token-expired: /);
    expect(run.stderr).toContain('account dy (douyin): not-connected: no account connected: run `promo accounts connect dy`');
    expect(run.stderr).not.toMatch(/account ks /);
    for (const token of TOKENS) expect(run.stderr + run.stdout).not.toContain(token);
  });

  it('an encrypted credentials file without its key: says why, the rest of the status still shows', async () => {
    const p = project();
    await connectAll(p.state, { PROMO_CREDENTIALS_KEY: 'the-shop-key' });
    const json = await runCli(['status', '--json', '--now', NOW.toISOString(), '--config', p.config], { env: { PROMO_CREDENTIALS_KEY: '' } });
    expect(json.code, json.stderr).toBe(0);
    const status = JSON.parse(json.stdout) as StatusJson & { daemon: { state: string } };
    expect(status.daemon.state).toBeDefined();
    expect(status.accounts).toEqual({ needsPerson: [], unreadable: expect.stringMatching(/is encrypted and PROMO_CREDENTIALS_KEY is not set/) });
    const text = await runCli(['status', '--now', NOW.toISOString(), '--config', p.config], { env: { PROMO_CREDENTIALS_KEY: '' } });
    expect(text.stdout).toMatch(/platform accounts: cannot tell: .*PROMO_CREDENTIALS_KEY/);
    const keyed = JSON.parse((await runCli(['status', '--json', '--now', NOW.toISOString(), '--config', p.config], { env: { PROMO_CREDENTIALS_KEY: 'the-shop-key' } })).stdout) as StatusJson;
    expect(keyed.accounts.needsPerson).toHaveLength(4);
  });
});
