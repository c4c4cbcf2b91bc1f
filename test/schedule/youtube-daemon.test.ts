// A YouTube post end to end: promo schedule, then promo daemon --once --now, against the loopback
// fake YouTube with an account in the credentials file. The video goes up `lead` before its time
// (private, publishAt = due), is checked public at the due time, and its id and URL are recorded.
// promo killed (SIGKILL) after the last byte, before its answer: still one video, the file's bytes.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import { startFakeYoutube, type FakeYoutube } from '../helpers/fake-youtube-server.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';

const SECRET = 'test-client-secret-9f3b';
let clip: string;
let fake: FakeYoutube | undefined;
beforeAll(async () => {
  clip = await makeVideo({ width: 320, height: 180, duration: 3 });
});
afterEach(async () => { await fake?.close(); fake = undefined; });

// The post is due 2026-12-01 17:00 in Shanghai (09:00Z); with lead 2h it goes up at 07:00Z.
const UPLOAD = '2026-12-01T07:00:00Z';
const DUE = '2026-12-01T09:00:00Z';

async function setup() {
  fake = await startFakeYoutube();
  fake.processingPolls = 0;
  const dir = await makeSpecDir({
    stream: { title: '年货节好茶专场', start: '2026-12-01 20:00', timezone: 'Asia/Shanghai', url: 'https://live.example.com/room/8848' },
    products: [{ sku: 'TEA-001', name: '明前龙井', price: 99, footage: 'tea.mp4', clips: [{ in: 0, out: 2 }] }],
    outputs: [{ name: 'tiny', width: 160, height: 160 }],
    intro: false, outro: false, quality: 'draft',
    posts: [{ at: '-3h', video: 'TEA-001', title: '{{product.name}} 今晚直播', text: '{{countdown}}开播：{{product.name}} 直播价{{currency}}{{product.price}}', tags: ['tea', '龙井'], channels: ['shorts'] }],
  }, {
    files: { 'tea.mp4': clip },
    config: { posts: { grace: '15m', timeout: '10s' }, channels: { shorts: { type: 'youtube', clientId: 'test-client-id', clientSecret: '${YT_CLIENT_SECRET}', api: fake.url, lead: '2h' } } },
  });
  const issued = fake.oauth.grant();
  await CredentialsFile.forState(join(dir.dir, '.promo', 'state.db')).update((accounts) => {
    accounts.shorts = { kind: 'youtube', scopes: issued.scope.split(' '), tokens: { accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: new Date(Date.now() + 3600_000).toISOString() } };
  });
  const output: string[] = [];
  const promo = async (args: string[], onSpawn?: (child: ChildProcess) => void) => {
    const result = await runCli([...args, '--config', dir.config], { cwd: dir.dir, env: { YT_CLIENT_SECRET: SECRET }, ...(onSpawn ? { onSpawn } : {}) });
    output.push(result.stdout, result.stderr);
    return result;
  };
  const posts = async () => JSON.parse((await promo(['posts', '--json'])).stdout) as Record<string, unknown>[];
  const scheduled = await promo(['schedule', 'spec.yaml']);
  expect(scheduled.code, scheduled.stderr).toBe(0);
  const video = join(dir.out, 'TEA-001', 'tiny.mp4');
  expect(existsSync(video)).toBe(true);
  return { fake, dir, promo, posts, output, issued, video };
}

const sha256 = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

describe('YouTube through promo schedule and promo daemon', () => {
  it('uploads lead before the due time as private with publishAt, and records it public at its time', async () => {
    const s = await setup();
    await s.promo(['daemon', '--once', '--now', '2026-12-01T06:59:00Z']);
    expect(s.fake.sessions.size).toBe(0);
    const ahead = await s.promo(['daemon', '--once', '--now', UPLOAD]);
    expect(ahead.code, ahead.stderr).toBe(0);
    expect(s.fake.videos).toHaveLength(1);
    const video = s.fake.videos[0]!;
    expect(video.snippet).toMatchObject({ title: '明前龙井 今晚直播', tags: ['tea', '龙井'] });
    expect(video.snippet.description).toMatch(/开播：明前龙井 直播价¥99$/);
    expect(video.status).toMatchObject({ privacyStatus: 'private', publishAt: new Date(DUE).toISOString() });
    expect(video.thumbnail?.contentType).toBe('image/jpeg');
    expect(video.sha256).toBe(await sha256(s.video));

    s.fake.now = () => new Date(DUE);
    const onTime = await s.promo(['daemon', '--once', '--now', DUE]);
    expect(onTime.code, onTime.stderr).toBe(0);
    const [post] = await s.posts();
    expect(post).toMatchObject({ state: 'sent', remoteId: video.id, remoteUrl: `https://www.youtube.com/watch?v=${video.id}` });
    expect(video.status.privacyStatus).toBe('public');
    await s.promo(['daemon', '--once', '--now', '2026-12-01T09:05:00Z']);
    expect(s.fake.videos).toHaveLength(1);
    // Tokens and the client secret: nowhere in promo's output or its state database.
    const stored = (await readdir(join(s.dir.dir, '.promo'))).filter((name) => name.startsWith('state.db')).map((name) => join(s.dir.dir, '.promo', name));
    expect(stored.length).toBeGreaterThan(0);
    for (const secret of [SECRET, s.issued.accessToken, s.issued.refreshToken!]) {
      expect(s.output.join('\n')).not.toContain(secret);
      for (const file of stored) expect((await readFile(file)).includes(secret), `${secret} in ${file}`).toBe(false);
    }
  });

  // (Kills at a checkpoint, mid-upload and after `again` are in platform-publish-daemon.test.ts.)
  it('killed with SIGKILL after the last byte arrived, before its answer: the next daemon run takes that video', async () => {
    const s = await setup();
    let daemon: ChildProcess | undefined;
    s.fake.beforeFinalAnswer = () => { process.kill(daemon!.pid!, 'SIGKILL'); };
    const killed = await s.promo(['daemon', '--once', '--now', UPLOAD], (child) => { daemon = child; });
    expect(killed.signal).toBe('SIGKILL');
    s.fake.beforeFinalAnswer = undefined;
    expect(s.fake.videos).toHaveLength(1);

    const resumed = await s.promo(['daemon', '--once', '--now', '2026-12-01T07:01:00Z']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(s.fake.sessions.size).toBe(1);
    expect(s.fake.videos).toHaveLength(1);
    expect(s.fake.videos[0]!.sha256).toBe(await sha256(s.video));
    expect(s.fake.log).toContain(`PUT /upload/youtube/v3/videos bytes */${s.fake.sessions.values().next().value!.total} → 200`);
    expect(s.fake.rejections).toEqual([]);
    const [post] = await s.posts();
    expect(post).toMatchObject({ remoteId: s.fake.videos[0]!.id });
  });
});
