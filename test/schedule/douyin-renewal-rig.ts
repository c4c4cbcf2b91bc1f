// The rig of the Douyin renewal tests: a config with one Douyin channel on the loopback Douyin
// fake and its OAuth service (renewing as Douyin does), the account in the credentials file,
// promo run as real processes with their output kept for leak checks.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import { douyinKind } from '../../src/channels/douyin-kind.ts';
import { startFakeDouyin } from '../helpers/fake-douyin-server.ts';
import { startFakeDouyinOAuth } from '../helpers/fake-douyin-oauth.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { runCli } from '../helpers/spec-dir.ts';

export const DAY = 86_400_000;
export const OPEN_ID = '_000QadFMhmU1jNCI3JdPnyVDL6XavC70dFy';
const CLIENT_KEY = 'awx1234567890abcd';
export const SECRET = 'dy-renewal-secret-31';
const profile = douyinKind.oauth!;

export interface AttentionJson { accounts: { needsPerson: { channel: string; account?: string; problem: string; message: string }[] } }

/**
 * A config with one Douyin channel on the fake, its account connected; its refresh token ends in
 * `refreshDays` (fake and promo agree). `clientKey`: the one config.yaml gives (the app's by default);
 * `writeConfig` writes config.yaml again with another.
 */
export async function setupDouyinRenewal(refreshDays: number, maxRenewals = 5, clientKey = CLIENT_KEY) {
  const oauth = await startFakeDouyinOAuth({
    clientId: CLIENT_KEY, clientSecret: SECRET, accessTtlSeconds: 15 * 86_400, refreshTtlSeconds: 30 * 86_400, accountId: OPEN_ID,
    renew: { path: profile.renewRefreshToken!.path, ttlSeconds: 30 * 86_400, maxRenewals },
  });
  const douyin = await startFakeDouyin({ oauth, openId: OPEN_ID });
  const dir = makeTempDir();
  const config = join(dir, 'config.yaml');
  const writeConfig = (key: string) => writeFileSync(config, [
    'state: state/promo.db', 'timezone: UTC', 'channels:',
    `  dy: { type: douyin, clientKey: ${key}, clientSecret: "\${DY_SECRET}", api: "${douyin.url}" }`, '',
  ].join('\n'));
  writeConfig(clientKey);
  const state = join(dir, 'state', 'promo.db');
  const granted = oauth.grant();
  const refreshEnd = new Date(Date.now() + refreshDays * DAY);
  oauth.endRefreshTokenAt(granted.refreshToken!, refreshEnd);
  const credentials = CredentialsFile.forState(state, {});
  await credentials.update((accounts) => {
    accounts.dy = {
      kind: 'douyin', accountId: OPEN_ID, accountName: '茶叶小店', scopes: [...profile.scopes], connectedAt: new Date(Date.now() - 25 * DAY).toISOString(),
      tokens: { accessToken: granted.accessToken, refreshToken: granted.refreshToken!, expiresAt: new Date(Date.now() + 12 * DAY).toISOString(), refreshExpiresAt: refreshEnd.toISOString() },
    };
  });
  const outputs: string[] = [];
  const promo = async (args: string[]) => {
    const run = await runCli([...args, '--config', config], { env: { DY_SECRET: SECRET } });
    outputs.push(run.stdout, run.stderr);
    return run;
  };
  const status = async () => {
    const run = await promo(['status', '--json']);
    expect(run.code, run.stderr).toBe(0);
    return (JSON.parse(run.stdout) as AttentionJson).accounts.needsPerson;
  };
  const close = async () => {
    await douyin.close();
    await oauth.close();
  };
  return { oauth, close, config, credentials, granted, promo, status, outputs, writeConfig, clientKey: CLIENT_KEY, stored: async () => (await credentials.get('dy'))! };
}

/** No token nor the client secret in any output. */
export function expectNoTokens(outputs: string[], tokens: (string | undefined)[]): void {
  for (const token of [...tokens, SECRET]) {
    if (!token) continue;
    for (const output of outputs) expect(output).not.toContain(token);
  }
}

/** The setup for a test file: each rig made is closed after its test. */
export function douyinRenewalRigs(): typeof setupDouyinRenewal {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => { for (const close of closers.splice(0)) await close(); });
  return async (...args) => {
    const rig = await setupDouyinRenewal(...args);
    closers.push(rig.close);
    return rig;
  };
}
