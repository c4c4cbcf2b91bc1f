// `promo accounts` end to end, as real processes against a loopback Google-style OAuth fake: the
// test reads the URL `connect` prints, plays the browser (GET it from the fake, follow the 302
// to promo's loopback listener), and checks the stored account, the list, `--refresh-token -`,
// `remove`, encryption, and that no token or client secret is ever printed.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import { startFakeOAuth, type FakeOAuth } from '../helpers/fake-oauth-server.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { PROMO_BIN, REPO } from '../helpers/spec-dir.ts';
import { spawnTracked } from '../helpers/spawn-tracked.ts';

const SECRET = 'GOCSPX-test-secret-61c2';
let fake: FakeOAuth | undefined;
afterEach(async () => { await fake?.close(); fake = undefined; });

async function startGoogle(): Promise<FakeOAuth> {
  fake = await startFakeOAuth({
    authorizePath: '/o/oauth2/v2/auth', tokenPath: '/token', pkce: 'S256', clientSecret: SECRET,
    requireAuthorizeParams: { access_type: 'offline' },
  });
  fake.route('GET', '/youtube/v3/channels', (req, res) => {
    if (!fake!.checkBearer(req, res)) return;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: [{ id: 'UC-promo-test', snippet: { title: 'Tea Shop Live' } }] }));
  });
  return fake;
}

function configDir(fake: FakeOAuth): { dir: string; config: string } {
  const dir = makeTempDir();
  const config = join(dir, 'config.yaml');
  writeFileSync(config, [
    'state: state/promo.db',
    'channels:',
    '  shorts:',
    '    type: youtube',
    `    clientId: ${fake.options.clientId}`,
    '    clientSecret: ${YT_SECRET}',
    `    api: ${fake.url}`,
    '  team:',
    '    type: folder',
    '    dir: outbox',
    '',
  ].join('\n'));
  return { dir, config };
}

interface Run { code: number | null; stdout: string; stderr: string }

/** Runs promo; `onStdout` sees the output as it comes; `stdin` is written and closed. */
function promo(args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string; onStdout?: (text: string) => void } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawnTracked(process.execPath, [PROMO_BIN, ...args], { cwd: REPO, env: { ...process.env, YT_SECRET: SECRET, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); options.onStdout?.(stdout); });
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdin!.end(options.stdin ?? '');
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `promo accounts connect`, with the test as the browser. */
async function connectByBrowser(config: string, env: NodeJS.ProcessEnv = {}): Promise<{ run: Run; page: string }> {
  let browsing: Promise<string> | undefined;
  const run = await promo(['accounts', 'connect', 'shorts', '--config', config, '--no-browser'], {
    env,
    onStdout: (text) => {
      const url = /https?:\/\/\S+\/o\/oauth2\/v2\/auth\?\S+/.exec(text)?.[0];
      if (!url || browsing) return;
      browsing = (async () => {
        const consent = await fetch(url, { redirect: 'manual' });
        if (consent.status !== 302) throw new Error(`authorize page: ${consent.status} ${await consent.text()}`);
        const back = await fetch(consent.headers.get('location')!);
        return `${back.status} ${await back.text()}`;
      })();
    },
  });
  if (!browsing) throw new Error(`promo printed no authorization URL:\n${run.stdout}\n${run.stderr}`);
  return { run, page: await browsing };
}

function expectNoSecrets(text: string, credentialsPath: string): void {
  expect(text).not.toContain(SECRET);
  for (const tokens of Object.values(JSON.parse(JSON.stringify(readAccounts(credentialsPath))) as Record<string, { tokens: { accessToken: string; refreshToken?: string } }>)) {
    expect(text).not.toContain(tokens.tokens.accessToken);
    if (tokens.tokens.refreshToken) expect(text).not.toContain(tokens.tokens.refreshToken);
  }
}

function readAccounts(path: string): Record<string, unknown> {
  return (JSON.parse(readFileSync(path, 'utf8')) as { accounts: Record<string, unknown> }).accounts;
}

describe('promo accounts', () => {
  it('connect: prints the URL, takes the browser\'s redirect on 127.0.0.1, stores the account (0600); list and remove', async () => {
    const fake = await startGoogle();
    const { dir, config } = configDir(fake);
    const before = await promo(['accounts', '--config', config]);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/shorts\s+youtube\s+-.*not-connected/);
    expect(before.stdout).not.toMatch(/team/);

    const { run, page } = await connectByBrowser(config);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(page).toMatch(/^200 promo: YouTube channel "shorts" is connected as Tea Shop Live/);
    expect(run.stdout).toMatch(/YouTube channel "shorts": connected as Tea Shop Live; scopes https:\/\/www\.googleapis\.com\/auth\/youtube\.upload https:\/\/www\.googleapis\.com\/auth\/youtube\.readonly/);
    const redirect = new URL(fake.authorizations[0]!.query.redirect_uri!);
    expect(redirect.hostname).toBe('127.0.0.1');
    expect(Number(redirect.port)).toBeGreaterThan(0);
    const path = join(dir, 'state', 'credentials.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readAccounts(path).shorts).toMatchObject({ kind: 'youtube', accountId: 'UC-promo-test', accountName: 'Tea Shop Live', lastUse: { ok: true } });

    const list = await promo(['accounts', '--config', config]);
    expect(list.stdout).toMatch(/shorts\s+youtube\s+Tea Shop Live\s+\d{4}-\d\d-\d\d \d\d:\d\dZ \(in (59|60) min\)\s+no expiry given\s+.*ok\s+connected/);
    const json = JSON.parse((await promo(['accounts', '--config', config, '--json'])).stdout) as Record<string, unknown>[];
    expect(json).toEqual([expect.objectContaining({ channel: 'shorts', type: 'youtube', status: 'connected', accountId: 'UC-promo-test', problems: [] })]);
    expectNoSecrets(run.stdout + list.stdout + JSON.stringify(json), path);

    const removed = await promo(['accounts', 'remove', 'shorts', '--config', config]);
    expect(removed.code).toBe(0);
    expect(readAccounts(path)).toEqual({});
    expect((await promo(['accounts', 'remove', 'shorts', '--config', config])).code).toBe(2);
  });

  it('connect --refresh-token - reads the token on stdin and checks it by refreshing once; a refused one stores nothing', async () => {
    const fake = await startGoogle();
    const { dir, config } = configDir(fake);
    const refused = await promo(['accounts', 'connect', 'shorts', '--config', config, '--refresh-token', '-'], { stdin: 'rt-not-a-real-one\n' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refused.*invalid_grant.*nothing was stored/);
    expect(refused.stderr).not.toContain('rt-not-a-real-one');

    const token = fake.grant('https://www.googleapis.com/auth/youtube.upload').refreshToken!;
    const run = await promo(['accounts', 'connect', 'shorts', '--config', config, '--refresh-token', '-'], { stdin: `${token}\n` });
    expect(run.code).toBe(0);
    expect(fake.tokenCalls.map((c) => `${c.grant} ${c.ok}`)).toEqual(['refresh_token false', 'refresh_token true']);
    const stored = readAccounts(join(dir, 'state', 'credentials.json')).shorts as { tokens: { refreshToken: string }; accountName: string };
    expect(stored.tokens.refreshToken).toBe(token);
    expect(stored.accountName).toBe('Tea Shop Live');
    // Granted only youtube.upload: promo says which permission is missing.
    expect(run.stdout).toMatch(/warning: the account did not grant https:\/\/www\.googleapis\.com\/auth\/youtube\.readonly/);
    expect(run.stdout + run.stderr).not.toContain(token);

    const onCommandLine = await promo(['accounts', 'connect', 'shorts', '--config', config, '--refresh-token', token]);
    expect(onCommandLine.code).toBe(2);
    expect(onCommandLine.stderr).toMatch(/--refresh-token takes `-`/);
  });

  it('with PROMO_CREDENTIALS_KEY the file holds no token text; a wrong key is a clear error', async () => {
    const fake = await startGoogle();
    const { dir, config } = configDir(fake);
    const env = { PROMO_CREDENTIALS_KEY: 'the right key' };
    const { run } = await connectByBrowser(config, env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\(encrypted\)/);
    const path = join(dir, 'state', 'credentials.json');
    const text = readFileSync(path, 'utf8');
    const entry = (await new CredentialsFile(path, 'the right key').get('shorts'))!;
    expect(text).not.toContain(entry.tokens.accessToken);
    expect(text).not.toContain(entry.tokens.refreshToken!);
    expect(text).not.toContain('Tea Shop');
    expect((await promo(['accounts', '--config', config], { env })).stdout).toMatch(/Tea Shop Live/);
    const wrong = await promo(['accounts', '--config', config], { env: { PROMO_CREDENTIALS_KEY: 'not it' } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/cannot decrypt the credentials file .*PROMO_CREDENTIALS_KEY is not the key it was written with/);
  });

  it('refuses channels that have no account, and unknown ones, naming what exists', async () => {
    const fake = await startGoogle();
    const { config } = configDir(fake);
    const chat = await promo(['accounts', 'connect', 'team', '--config', config]);
    expect(chat.code).toBe(2);
    expect(chat.stderr).toMatch(/channel team is a .*which has no account to connect/);
    const unknown = await promo(['accounts', 'connect', 'shortz', '--config', config]);
    expect(unknown.stderr).toMatch(/no channel shortz in .*config\.yaml \(channels: shorts, team\)/);
  });
});
