// A TikTok post end to end: `promo schedule` renders the spec's video and stores the post, then
// `promo daemon --once --now` runs (real processes) against the TikTok fake mounted on the
// shared OAuth fake, with the account in the credentials file beside the state database. The
// post ends `sent` with TikTok's post id and URL after several status polls; one video with the
// rendered file's bytes; a daemon killed right after the publish id's checkpoint is followed by
// one that asks status/fetch instead of a second init. No token in the database or the output,
// nor the upload URL's upload_token (kept in the credentials file, encrypted, while in flight).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import { TIKTOK_OAUTH } from '../../src/channels/tiktok-kind.ts';
import { startFakeOAuth, type FakeOAuth } from '../helpers/fake-oauth-server.ts';
import { startFakeTiktok, type FakeTiktok } from '../helpers/fake-tiktok-server.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeSpecDir, runCli, type SpecDir } from '../helpers/spec-dir.ts';

const SECRET = 'tt-daemon-secret-55';
let clip: string;
let oauth: FakeOAuth;
let tiktok: FakeTiktok;
beforeAll(async () => { clip = await makeVideo({ width: 320, height: 180, duration: 5, audio: 'stereo' }); });
beforeEach(async () => {
  oauth = await startFakeOAuth({
    authorizePath: TIKTOK_OAUTH.authorizePath, tokenPath: TIKTOK_OAUTH.tokenPath, clientIdParam: 'client_key',
    clientId: 'awdaemonkey', clientSecret: SECRET, pkce: 'S256-hex', rotatesRefreshToken: true, scopeSeparator: ',', accessTtlSeconds: 7200,
  });
  tiktok = await startFakeTiktok({ host: oauth, processingPolls: 2 });
});
afterEach(async () => { await oauth.close(); });

interface Setup { dir: SpecDir; state: string; due: Date; tokens: string[]; output: string[]; env: NodeJS.ProcessEnv }

// `YYYY-MM-DD HH:MM` in UTC, a whole minute.
const local = (date: Date) => date.toISOString().slice(0, 16).replace('T', ' ');

/** A spec whose stream starts in 3 h (real time: the fake's upload URL lives by the real clock), a TikTok post at -2h, the account connected. */
async function setup(env: NodeJS.ProcessEnv = {}): Promise<Setup> {
  const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 3 * 3_600_000);
  const dir = await makeSpecDir({
    stream: { title: 'Tea night', start: local(start), timezone: 'UTC', url: 'https://live.example.com/room/8848' },
    products: [{ sku: 'TEA-001', name: 'Longjing', price: 99, footage: 'tea.mp4', clips: [{ in: 0, out: 4 }] }],
    outputs: [{ name: 'tiny', width: 240, height: 240 }],
    intro: false, outro: false, quality: 'draft',
    posts: [{ at: '-2h', video: 'TEA-001', text: '{{product.name}} tonight at {{stream.time}} #tea', channels: ['tt'] }],
  }, {
    files: { 'tea.mp4': clip },
    config: {
      timezone: 'UTC',
      channels: { tt: { type: 'tiktok', clientKey: 'awdaemonkey', clientSecret: '${TT_SECRET}', privacy: 'PUBLIC_TO_EVERYONE', api: tiktok.url } },
    },
  });
  const state = join(dir.dir, '.promo', 'state.db');
  const granted = oauth.grant(TIKTOK_OAUTH.scopes.join(','));
  await CredentialsFile.forState(state, {}).update((accounts) => {
    accounts.tt = {
      kind: 'tiktok', scopes: [...TIKTOK_OAUTH.scopes],
      tokens: { accessToken: granted.accessToken, refreshToken: granted.refreshToken, expiresAt: new Date(Date.now() + 7200_000).toISOString() },
    };
  });
  return { dir, state, due: new Date(start.getTime() - 2 * 3_600_000), tokens: [granted.accessToken, granted.refreshToken!], output: [], env };
}

async function promo(s: Setup, args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = await runCli([...args, '--config', s.dir.config], { cwd: s.dir.dir, env: { TT_SECRET: SECRET, ...s.env, ...env } });
  s.output.push(run.stdout, run.stderr);
  return run;
}

async function posts(s: Setup): Promise<Record<string, unknown>[]> {
  return JSON.parse((await promo(s, ['posts', '--json'])).stdout) as Record<string, unknown>[];
}

/** daemon --once, a minute later each run, until the post is settled. */
async function runUntilSettled(s: Setup, from: number, runs = 8): Promise<void> {
  for (let i = 0; i < runs; i++) {
    await promo(s, ['daemon', '--once', '--now', new Date(s.due.getTime() + (from + i) * 60_000).toISOString()]);
    if ((await posts(s)).every((p) => p.state !== 'sending' && p.state !== 'pending')) return;
  }
  throw new Error(`not settled: ${JSON.stringify(await posts(s))}\n${s.output.join('\n')}`);
}

function expectOneVideo(s: Setup): void {
  const rendered = readFileSync(join(s.dir.out, 'TEA-001', 'tiny.mp4'));
  expect(tiktok.calls.init).toBe(1);
  expect(tiktok.videos).toEqual([expect.objectContaining({ sha256: createHash('sha256').update(rendered).digest('hex'), title: 'Longjing tonight at ' + local(new Date(s.due.getTime() + 2 * 3_600_000)).slice(11) + ' #tea' })]);
}

function database(s: Setup): string {
  return readFileSync(s.state).toString('latin1') + readFileSync(`${s.state}-wal`, { flag: 'a+' }).toString('latin1');
}

async function expectNoTokens(s: Setup): Promise<void> {
  const db = database(s);
  const stored = (await CredentialsFile.forState(s.state, s.env).get('tt'))!;
  const uploadTokens = [...tiktok.tasks.values()].map((task) => task.uploadToken);
  for (const secret of [...s.tokens, stored.tokens.accessToken, stored.tokens.refreshToken!, SECRET, ...uploadTokens]) {
    expect(db).not.toContain(secret);
    for (const output of s.output) expect(output).not.toContain(secret);
  }
}

describe('TikTok posts through promo schedule and the daemon', () => {
  it('publishes the rendered video once, following status over several runs, and records the post id and URL', async () => {
    const s = await setup();
    const scheduled = await promo(s, ['schedule', 'spec.yaml']);
    expect(scheduled.code, scheduled.stderr).toBe(0);
    // A minute early: nothing goes to TikTok.
    await promo(s, ['daemon', '--once', '--now', new Date(s.due.getTime() - 60_000).toISOString()]);
    expect(tiktok.calls.creator_info).toBe(0);
    await runUntilSettled(s, 0);
    expectOneVideo(s);
    expect(tiktok.calls.status).toBeGreaterThanOrEqual(3);
    const [post] = await posts(s);
    expect(post).toMatchObject({ state: 'sent', remoteId: '7300000000000000001', remoteUrl: 'https://www.tiktok.com/@teashop/video/7300000000000000001' });
    const table = await promo(s, ['posts']);
    expect(table.stdout).toContain('https://www.tiktok.com/@teashop/video/7300000000000000001');
    await expectNoTokens(s);
  });

  it('killed right after the publish id was checkpointed: the next daemon asks status/fetch, no second init', async () => {
    const s = await setup({ PROMO_CREDENTIALS_KEY: 'tea-shop-credentials-key' });
    expect((await promo(s, ['schedule', 'spec.yaml'])).code).toBe(0);
    const killed = await promo(s, ['daemon', '--once', '--now', s.due.toISOString()], { PROMO_FAULT: 'after-checkpoint:1' });
    expect(killed.signal).toBe('SIGKILL');
    expect([tiktok.calls.init, tiktok.calls.upload]).toEqual([1, 0]);
    // The upload URL (its upload_token) is in the credentials file, encrypted; the database has only the publish id.
    const [task] = [...tiktok.tasks.values()];
    expect(database(s)).toContain(task!.publishId);
    expect(database(s)).not.toContain(task!.uploadToken);
    const credentials = CredentialsFile.forState(s.state, s.env);
    expect(readFileSync(credentials.path, 'utf8')).not.toContain(task!.uploadToken);
    expect(Object.values(await credentials.readUploads())).toEqual([expect.objectContaining({ uploadUrl: expect.stringContaining(task!.uploadToken) })]);
    await runUntilSettled(s, 1);
    expectOneVideo(s);
    expect((await posts(s))[0]).toMatchObject({ state: 'sent', remoteId: '7300000000000000001' });
    // Sent: its upload secret is gone from the credentials file too.
    expect(await credentials.readUploads()).toEqual({});
    await expectNoTokens(s);
  });
});
