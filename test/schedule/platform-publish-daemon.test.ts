// A YouTube post through the real daemon process (`promo daemon --once`), against the loopback
// YouTube fake and its OAuth service, with the account in the credentials file: killed with
// SIGKILL at a checkpoint (PROMO_FAULT), mid-upload (by the test, as bytes arrive), and after a
// call whose answer was never recorded, the next daemon resumes from the saved progress: one
// session, one video, the file's bytes; the post ends `sent` with the video's id and URL. A
// refused refresh fails the account's due posts with the reconnect hint, in `promo posts`, the
// daemon log and the credentials file. No token ever reaches the state database or the output,
// nor the upload session's URI (a capability: kept in the credentials file while in flight).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import { YOUTUBE_OAUTH } from '../../src/channels/youtube-kind.ts';
import type { PlannedPost } from '../../src/schedule/plan-posts.ts';
import { PostStore } from '../../src/schedule/post-store.ts';
import { openStateDb } from '../../src/store/open-state-db.ts';
import { startFakeYoutube, type FakeYoutube } from '../helpers/fake-youtube-server.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { runCli } from '../helpers/spec-dir.ts';

const SECRET = 'GOCSPX-daemon-secret-77';
const BYTES = 3 * 1024 * 1024 + 4321;
let fake: FakeYoutube;
beforeEach(async () => {
  fake = await startFakeYoutube({ clientSecret: SECRET });
  fake.processingPolls = 1;
});
afterEach(async () => { await fake.close(); });

interface Setup { dir: string; config: string; state: string; video: string; due: Date; tokens: string[] }

/** A config with one YouTube channel on the fake, its account connected, and `count` posts due now (real time). */
async function setup(count = 1, expiresInSeconds = 3600): Promise<Setup> {
  const dir = makeTempDir();
  const config = join(dir, 'config.yaml');
  writeFileSync(config, [
    'state: state/promo.db', 'out: out', 'timezone: UTC',
    'channels:', '  shorts:', '    type: youtube', `    clientId: ${fake.oauth.options.clientId}`,
    '    clientSecret: ${YT_SECRET}', '    privacy: public', `    api: ${fake.url}`, '',
  ].join('\n'));
  const video = join(dir, 'tea.mp4');
  const bytes = Buffer.alloc(BYTES);
  for (let i = 0; i < BYTES; i++) bytes[i] = (i * 31 + (i >> 9)) & 0xff;
  writeFileSync(video, bytes);
  const state = join(dir, 'state', 'promo.db');
  const granted = fake.oauth.grant(YOUTUBE_OAUTH.scopes.join(' '));
  await CredentialsFile.forState(state, {}).update((accounts) => {
    accounts.shorts = {
      kind: 'youtube', scopes: [...YOUTUBE_OAUTH.scopes],
      tokens: { accessToken: granted.accessToken, refreshToken: granted.refreshToken, expiresAt: new Date(Date.now() + expiresInSeconds * 1000).toISOString() },
    };
  });
  // Due a minute ago (real time: the driver decides publishAt by the real clock), the stream in 3 h.
  const due = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
  const posts: PlannedPost[] = Array.from({ length: count }, (_, i) => ({
    key: `tea-youtube-${i}`, spec: join(dir, 'spec.yaml'), postIndex: i, channel: 'shorts', occurrence: new Date(due.getTime() + 3 * 3_600_000),
    due, local: due.toISOString().slice(0, 16).replace('T', ' '), zone: 'UTC', text: `Tea night tonight #${i}`, title: `明前龙井 tea ${i}`, tags: ['tea', 'live'],
    subject: 'TEA-001', video, stream: { title: 'Tea night' },
  }));
  const db = openStateDb(state);
  new PostStore(db).schedule(join(dir, 'spec.yaml'), posts);
  db.close();
  return { dir, config, state, video, due, tokens: [granted.accessToken, granted.refreshToken!] };
}

/** One `promo daemon --once` run at `minutes` past the due time. */
function daemonOnce(s: Setup, minutes: number, env: NodeJS.ProcessEnv = {}, onSpawn?: NonNullable<Parameters<typeof runCli>[1]>['onSpawn']) {
  const now = new Date(s.due.getTime() + minutes * 60_000).toISOString();
  return runCli(['daemon', '--once', '--now', now, '--config', s.config], { env: { YT_SECRET: SECRET, ...env }, onSpawn });
}

function postsOf(s: Setup) {
  const db = openStateDb(s.state);
  try {
    return new PostStore(db).list();
  } finally {
    db.close();
  }
}

/** Runs --once (a minute later each time) until every post is settled; at most `runs` runs. */
async function runUntilSettled(s: Setup, from: number, runs = 6, env: NodeJS.ProcessEnv = {}): Promise<string> {
  let log = '';
  for (let i = 0; i < runs; i++) {
    const run = await daemonOnce(s, from + i, env);
    expect(run.code, run.stderr).not.toBeNull();
    log += run.stderr;
    if (postsOf(s).every((p) => p.state !== 'sending' && p.state !== 'pending')) return log;
  }
  throw new Error(`posts not settled after ${runs} runs: ${JSON.stringify(postsOf(s).map((p) => [p.state, p.detail]))}\n${log}`);
}

function expectOneVideo(s: Setup): void {
  expect(fake.sessions.size).toBe(1);
  expect(fake.videos).toHaveLength(1);
  expect(fake.videos[0]!.sha256).toBe(createHash('sha256').update(readFileSync(s.video)).digest('hex'));
  expect(fake.videos[0]!.snippet).toMatchObject({ title: '明前龙井 tea 0', tags: ['tea', 'live'] });
  const [post] = postsOf(s);
  expect(post).toMatchObject({ state: 'sent', remoteId: fake.videos[0]!.id, remoteUrl: `https://www.youtube.com/watch?v=${fake.videos[0]!.id}`, progress: {} });
  expect(fake.rejections).toEqual([]);
}

function database(s: Setup): string {
  return readFileSync(s.state).toString('latin1') + readFileSync(`${s.state}-wal`, { flag: 'a+' }).toString('latin1');
}

/** The database holds no upload session's id (its URI is a capability); the credentials file (encrypted with `env`'s key) has it. */
async function expectSessionHidden(s: Setup, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const ids = [...fake.sessions.keys()];
  expect(ids).toHaveLength(1);
  expect(database(s)).not.toContain(ids[0]);
  const credentials = CredentialsFile.forState(s.state, env);
  expect(Object.values(await credentials.readUploads())).toEqual([{ session: expect.stringContaining(`upload_id=${ids[0]}`) }]);
  if (env.PROMO_CREDENTIALS_KEY) expect(readFileSync(credentials.path, 'utf8')).not.toContain(ids[0]);
}

async function expectNoTokens(s: Setup, env: NodeJS.ProcessEnv, ...outputs: string[]): Promise<void> {
  const db = database(s);
  const credentials = CredentialsFile.forState(s.state, env);
  const account = (await credentials.get('shorts'))!;
  // Once the post ended, its upload secrets are gone from the credentials file too.
  expect(await credentials.readUploads()).toEqual({});
  for (const secret of [...s.tokens, account.tokens.accessToken, SECRET, ...fake.sessions.keys()]) {
    expect(db).not.toContain(secret);
    for (const output of outputs) expect(output).not.toContain(secret);
  }
}

describe('video-platform posts through the daemon', () => {
  it('killed after the upload session was checkpointed: the next daemon resumes that session, one video', async () => {
    const s = await setup();
    const key = { PROMO_CREDENTIALS_KEY: 'tea-shop-credentials-key' };
    const killed = await daemonOnce(s, 0, { PROMO_FAULT: 'after-checkpoint:1', ...key });
    expect(killed.signal).toBe('SIGKILL');
    expect(fake.sessions.size).toBe(1);
    expect(fake.videos).toHaveLength(0);
    expect(postsOf(s)[0]).toMatchObject({ state: 'sending', progress: { bytes: BYTES } });
    expect(postsOf(s)[0]!.progress).not.toHaveProperty('session');
    await expectSessionHidden(s, key);
    const log = await runUntilSettled(s, 1, 6, key);
    expect(log).toMatch(/interrupted while sending; resuming from its saved progress/);
    expect(fake.log.some((line) => line.includes(`bytes */${BYTES} → 308`))).toBe(true);
    expectOneVideo(s);
    const listed = await runCli(['posts', '--json', '--config', s.config]);
    const [shown] = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(shown).toMatchObject({ state: 'sent', remoteId: fake.videos[0]!.id, remoteUrl: expect.stringContaining('watch?v=') });
    expect(shown).not.toHaveProperty('progress');
    // `promo accounts` shows the last use: this send, which worked.
    const used = (await CredentialsFile.forState(s.state, key).get('shorts'))!;
    expect(used.lastUse).toMatchObject({ ok: true });
    const table = await runCli(['posts', '--config', s.config]);
    expect(table.stdout).toContain(`https://www.youtube.com/watch?v=${fake.videos[0]!.id}`);
    await expectNoTokens(s, key, log, listed.stdout, table.stdout);
  });

  it('killed mid-upload (SIGKILL as the bytes arrive): the next daemon goes on from what the session kept', async () => {
    const s = await setup();
    let killedAt = 0;
    const cut = 1024 * 1024 + 999;
    // The fake stops taking the chunk there (bytes already in the socket buffers would otherwise
    // still arrive) and the daemon is killed as that part arrives.
    fake.dropNextChunkAfter = cut;
    const killed = await daemonOnce(s, 0, {}, (child) => {
      fake.onBytes = (_session, received) => {
        if (!killedAt && received >= cut) {
          killedAt = received;
          process.kill(-child.pid!, 'SIGKILL');
        }
      };
    });
    fake.onBytes = undefined;
    expect(killed.signal).toBe('SIGKILL');
    expect(fake.videos).toHaveLength(0);
    await expectSessionHidden(s);
    await runUntilSettled(s, 1);
    const query = fake.log.findIndex((line) => line.includes(`bytes */${BYTES}`));
    expect(fake.log[query]).toMatch(/→ 308$/);
    // The next chunk starts where the session's Range ended, not at byte 0.
    expect(Number(/bytes (\d+)-/.exec(fake.log[query + 1]!)?.[1])).toBeGreaterThan(0);
    expectOneVideo(s);
    await expectNoTokens(s, {});
  });

  it('a post waiting to retry its upload, cancelled: its saved session goes from the credentials file too', async () => {
    const s = await setup();
    fake.failNext('chunk', { status: 429, reason: 'rateLimitExceeded', headers: { 'retry-after': '120' } });
    await daemonOnce(s, 0);
    // The chunk was answered 429 (the fake reads the chunk before answering, so the daemon always
    // gets that answer, never a broken pipe it would resume from at once) and not tried again.
    expect(fake.log.filter((line) => line.startsWith('PUT '))).toEqual([`PUT /upload/youtube/v3/videos bytes 0-${BYTES - 1}/${BYTES} → 429`]);
    expect(postsOf(s)[0]).toMatchObject({ state: 'pending', progress: { bytes: BYTES }, detail: expect.stringContaining('rateLimitExceeded') });
    await expectSessionHidden(s);
    const cancelled = await runCli(['posts', 'cancel', '1', '--config', s.config]);
    expect(cancelled.stdout).toContain('1 post cancelled');
    expect(postsOf(s)[0]).toMatchObject({ state: 'cancelled' });
    await expectNoTokens(s, {}, cancelled.stdout, cancelled.stderr);
  });

  it('killed after a call answered `again` but before it was recorded: the post is followed, not uploaded again', async () => {
    const s = await setup();
    const killed = await daemonOnce(s, 0, { PROMO_FAULT: 'after-send' });
    expect(killed.signal).toBe('SIGKILL');
    expect(fake.videos).toHaveLength(1);
    await runUntilSettled(s, 1);
    expectOneVideo(s);
  });

  it('a refused refresh fails the account\'s due posts with the reconnect hint, in the daemon log, `promo posts`, `promo accounts` and `promo status`', async () => {
    const s = await setup(2, 10);
    fake.oauth.revokeRefreshTokens();
    const run = await daemonOnce(s, 0);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/post #1 → shorts: failed: the account needs reconnecting: .*refused its refresh token .*run `promo accounts connect shorts`/);
    const posts = postsOf(s);
    expect(posts.map((p) => p.state)).toEqual(['failed', 'failed']);
    for (const post of posts) expect(post.detail).toMatch(/run `promo accounts connect shorts`/);
    // One refresh asked; the second post failed on the account's mark without asking again.
    expect(fake.oauth.tokenCalls).toEqual([expect.objectContaining({ grant: 'refresh_token', ok: false })]);
    expect(fake.sessions.size).toBe(0);
    const listed = await runCli(['posts', '--config', s.config]);
    expect(listed.stdout).toMatch(/shorts: the account needs reconnecting: .*run `promo accounts connect shorts`/);
    const accounts = await runCli(['accounts', '--config', s.config], { env: { YT_SECRET: SECRET } });
    expect(accounts.stdout).toMatch(/needs-reconnect/);
    const status = await runCli(['status', '--config', s.config]);
    expect(status.stdout).toMatch(/platform accounts needing a person \(1\):\n.*\n +shorts +youtube .*needs-reconnect +needs reconnecting: the service refused its refresh token/);
    await expectNoTokens(s, {}, run.stderr, listed.stdout, accounts.stdout, status.stdout);
  });
});
