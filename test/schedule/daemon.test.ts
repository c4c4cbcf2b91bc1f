// Pre-stream posting end to end: promo schedule, then promo daemon --once --now at each post's
// time, against loopback servers that check what the real services check. Kills at each step of
// a send prove nothing is sent twice; a canary secret proves secrets never leak.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from '../helpers/fake-channel-servers.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeSpecDir, runCli, type SpecDir } from '../helpers/spec-dir.ts';
import { PROMO_BIN } from '../helpers/spec-dir.ts';
import { spawnTracked } from '../helpers/spawn-tracked.ts';
import { waitFor } from '../helpers/wait-for.ts';

const CANARY = 'SEKRET-canary-123';
let clip: string;
const servers: FakeServer[] = [];

beforeAll(async () => {
  clip = await makeVideo({ width: 320, height: 180, duration: 3 });
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

interface Setup {
  dir: SpecDir;
  env: NodeJS.ProcessEnv;
  webhook: FakeServer;
  wecom: FakeServer;
  telegram: FakeServer;
  outbox: string;
  /** Every byte of output of every promo run (to look for secrets). */
  output: string[];
  promo(args: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }>;
  posts(): Promise<{ id: number; channel: string; state: string; detail?: string; lateSeconds?: number; due: string }[]>;
}

async function setup(postSpecs: object[], grace = '15m', start = '2026-12-01 20:00'): Promise<Setup> {
  const webhook = await startFakeServer('webhook', { secret: `whsec_${Buffer.from(CANARY).toString('base64')}` });
  const wecom = await startFakeServer('wecom', { token: CANARY });
  const telegram = await startFakeServer('telegram', { token: `12345:${CANARY}`, chat: '@mystore' });
  servers.push(webhook, wecom, telegram);
  const dir = await makeSpecDir({
    stream: { title: '年货节好茶专场', start, timezone: 'Asia/Shanghai', url: 'https://live.example.com/room/8848' },
    products: [{ sku: 'TEA-001', name: '明前龙井', price: 99, footage: 'tea.mp4', clips: [{ in: 0, out: 2 }] }],
    outputs: [{ name: 'tiny', width: 160, height: 160 }],
    intro: false,
    outro: false,
    quality: 'draft',
    posts: postSpecs,
  }, {
    files: { 'tea.mp4': clip },
    config: {
      posts: { grace, timeout: '3s' },
      channels: {
        outbox: { type: 'folder', dir: 'out/outbox' },
        partner: { type: 'webhook', url: webhook.url, secret: '${PARTNER_SECRET}' },
        fans: { type: 'wecom', url: '${WECOM_FANS_WEBHOOK}' },
        tg: { type: 'telegram', token: '${TG_TOKEN}', chat: '@mystore', api: telegram.url },
      },
    },
  });
  const env = {
    PARTNER_SECRET: `whsec_${Buffer.from(CANARY).toString('base64')}`,
    WECOM_FANS_WEBHOOK: (wecom.config() as { url: string }).url,
    TG_TOKEN: `12345:${CANARY}`,
  };
  const output: string[] = [];
  const promo = async (args: string[], extra: NodeJS.ProcessEnv = {}) => {
    const result = await runCli([...args, '--config', dir.config], { cwd: dir.dir, env: { ...env, ...extra } });
    output.push(result.stdout, result.stderr);
    return result;
  };
  const listPosts = async () => {
    const result = await promo(['posts', '--json']);
    return (JSON.parse(result.stdout) as { id: number; channel: string; state: string; detail?: string; lateSeconds?: number; due: string }[]);
  };
  return { dir, env, webhook, wecom, telegram, outbox: join(dir.out, 'outbox'), output, promo, posts: listPosts };
}

const POSTS = [
  { at: '-24h', video: 'TEA-001', text: '明晚{{stream.time}}开播！{{product.name}} 直播价只要{{currency}}{{product.price}} {{stream.url}}', channels: ['fans', 'outbox'] },
  { at: '-3h', text: '{{countdown}}开播，{{stream.title}}', channels: ['partner', 'tg'] },
];
// Due times: 2026-11-30 20:00 and 2026-12-01 17:00 in Shanghai.
const DUE_1 = '2026-11-30T12:00:00Z';
const DUE_2 = '2026-12-01T09:00:00Z';

describe('promo schedule and promo daemon', () => {
  it('announces each post once, on time, with its video, cover and text; never early; never twice', async () => {
    const s = await setup(POSTS);
    const plan = await s.promo(['posts', 'plan', 'spec.yaml']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/2026-11-30 20:00 Asia\/Shanghai\s+2026-11-30T12:00:00Z\s+fans\s+TEA-001\s+明晚20:00开播！明前龙井 直播价只要¥99/);
    const scheduled = await s.promo(['schedule', 'spec.yaml']);
    expect(scheduled.code, scheduled.stderr).toBe(0);
    expect(scheduled.stdout).toMatch(/4 posts scheduled \(4 new/);
    expect(existsSync(join(s.dir.out, 'TEA-001', 'tiny.mp4'))).toBe(true); // rendered because a post needs it

    // A minute early: nothing.
    expect((await s.promo(['daemon', '--once', '--now', '2026-11-30T11:59:00Z'])).stdout).toMatch(/sent 0/);
    expect(s.wecom.deliveries).toHaveLength(0);
    // On time: the first post, on both its channels.
    const first = await s.promo(['daemon', '--once', '--now', DUE_1]);
    expect(first.stdout).toMatch(/sent 2,/);
    expect(s.wecom.deliveries.map((d) => d.kind)).toEqual(['text', 'image', 'file']);
    expect(s.wecom.deliveries[0]!.text).toBe('明晚20:00开播！明前龙井 直播价只要¥99 https://live.example.com/room/8848');
    const [folder] = await readdir(s.outbox);
    expect((await readdir(join(s.outbox, folder!))).sort()).toEqual(['post.json', 'text.txt', 'tiny.jpg', 'tiny.mp4']);
    // Again at the same time, and a bit later: nothing is sent twice.
    await s.promo(['daemon', '--once', '--now', DUE_1]);
    await s.promo(['daemon', '--once', '--now', '2026-11-30T12:05:00Z']);
    expect(s.wecom.deliveries).toHaveLength(3);
    expect(await readdir(s.outbox)).toHaveLength(1);
    // The second post at its time; the clock then jumping back changes nothing.
    await s.promo(['daemon', '--once', '--now', DUE_2]);
    await s.promo(['daemon', '--once', '--now', DUE_1]);
    await s.promo(['daemon', '--once', '--now', DUE_2]);
    expect(s.webhook.deliveries).toHaveLength(1);
    expect(s.webhook.deliveries[0]!.text).toBe('3小时后开播，年货节好茶专场');
    expect(s.telegram.deliveries).toHaveLength(1);
    expect((await s.posts()).map((p) => p.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
    // Running schedule again updates, never duplicates.
    const again = await s.promo(['schedule', 'spec.yaml']);
    expect(again.stdout).toMatch(/4 posts scheduled \(0 new, 0 updated, 0 unchanged, 4 already sent or settled\)/);
    expect(await s.posts()).toHaveLength(4);
    // No secret anywhere, in any form (the raw canary, the webhook's base64 signing key, the whole
    // whsec_ secret, the WeCom URL): outputs, database (and its WAL), outbox.
    const base64 = Buffer.from(CANARY).toString('base64');
    const secrets = [CANARY, base64, ...Object.values(s.env).filter((value): value is string => typeof value === 'string')];
    expect(secrets).toContain(`whsec_${base64}`);
    const stored = ['state.db', 'state.db-wal'].map((name) => join(s.dir.dir, '.promo', name)).filter((file) => existsSync(file));
    const outbox = (await readdir(join(s.outbox, folder!))).map((name) => join(s.outbox, folder!, name));
    // Both places are really searched: the database exists where the config puts it, the outbox has the post.
    expect(stored.map((file) => file.split('/').pop())).toContain('state.db');
    expect(outbox.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(s.output.join('\n')).not.toContain(secret);
      for (const file of [...stored, ...outbox]) expect((await readFile(file)).includes(secret), `${secret} in ${file}`).toBe(false);
    }
  });

  it('sends a late post within grace (recording how late), marks later ones missed, and updates pending posts on reschedule', async () => {
    const s = await setup(POSTS);
    await s.promo(['schedule', 'spec.yaml']);
    // Edit a text and reschedule: the pending posts are updated in place.
    await writeFile(s.dir.spec, (await readFile(s.dir.spec, 'utf8')).replace('{{countdown}}开播', '{{countdown}}准时开播'));
    expect((await s.promo(['schedule', 'spec.yaml'])).stdout).toMatch(/4 posts scheduled \(0 new, 2 updated, 2 unchanged/);
    const late = await s.promo(['daemon', '--once', '--now', '2026-11-30T12:10:00Z']);
    expect(late.stdout).toMatch(/sent 2/);
    const missed = await s.promo(['daemon', '--once', '--now', '2026-12-01T09:20:00Z']);
    expect(missed.code).toBe(1);
    expect(missed.stdout).toMatch(/missed 2/);
    const posts = await s.posts();
    expect(posts.map((p) => [p.channel, p.state])).toEqual([['fans', 'sent'], ['outbox', 'sent'], ['partner', 'missed'], ['tg', 'missed']]);
    expect(posts[0]!.lateSeconds).toBe(600);
    expect(posts[2]!.detail).toMatch(/20 min late, more than the grace of 15 min/);
    expect(s.webhook.deliveries).toHaveLength(0);
  });

  it('retries 429 after Retry-After and 500 with backoff; fails at once on bad credentials; gives up when it would be too late', async () => {
    const s = await setup([{ at: '-3h', text: 'hi {{stream.title}}', channels: ['partner', 'tg', 'fans'] }]);
    await s.promo(['schedule', 'spec.yaml']);
    s.webhook.script(['429', 'ok']);
    s.telegram.script(['500', '500', '500', '500', '500', '500', '500', '500', '500', '500']);
    const wrongKey = (s.wecom.config() as { url: string }).url.replace(CANARY, 'wrong-key');
    const first = await s.promo(['daemon', '--once', '--now', DUE_2], { WECOM_FANS_WEBHOOK: wrongKey });
    expect(first.stdout).toMatch(/retrying 2/);
    expect(first.stdout).toMatch(/failed 1/);
    let posts = await s.posts();
    expect(posts.find((p) => p.channel === 'fans')!.detail).toMatch(/not retried/);
    expect(posts.find((p) => p.channel === 'partner')!.detail).toMatch(/retrying in \d+ s/);
    // After the Retry-After: the webhook goes through, once.
    await s.promo(['daemon', '--once', '--now', '2026-12-01T09:02:00Z']);
    expect(s.webhook.deliveries).toHaveLength(1);
    // Telegram keeps failing until the next try would be past the grace: then it gives up.
    for (const minute of [3, 5, 8, 12, 16]) await s.promo(['daemon', '--once', '--now', `2026-12-01T09:${String(minute).padStart(2, '0')}:00Z`]);
    posts = await s.posts();
    expect(posts.find((p) => p.channel === 'tg')).toMatchObject({ state: 'failed', detail: expect.stringMatching(/too late/) });
    expect(posts.find((p) => p.channel === 'partner')!.state).toBe('sent');
  });

  it('never sends twice across kill -9 at each step: idempotent channels resend with the same key, others become unknown', async () => {
    const s = await setup([{ at: '-3h', text: 'kill test', channels: ['partner', 'fans'] }]);
    await s.promo(['schedule', 'spec.yaml']);
    // Killed right after committing `sending` for fans (first by name), before any request.
    await s.promo(['daemon', '--once', '--now', DUE_2], { PROMO_FAULT: 'after-mark-sending' });
    expect((await s.posts()).map((p) => [p.channel, p.state])).toEqual([['fans', 'sending'], ['partner', 'pending']]);
    // Next run: fans cannot know whether its request left, so it is `unknown` (not resent); the
    // webhook is sent and promo is killed after the answer, before `sent` is committed.
    const killed = await s.promo(['daemon', '--once', '--now', DUE_2], { PROMO_FAULT: 'after-send' });
    expect(killed.stderr).toMatch(/fans: interrupted while sending; marked unknown/);
    expect(s.webhook.deliveries).toHaveLength(1);
    // Next run: the webhook is resent with the same webhook-id (a receiver keeps one).
    const after = await s.promo(['daemon', '--once', '--now', DUE_2]);
    expect(after.stderr).toMatch(/partner: interrupted while sending; resending with the same key/);
    expect(s.webhook.deliveries.map((d) => d.id)).toEqual([s.webhook.deliveries[0]!.id, s.webhook.deliveries[0]!.id]);
    expect(s.wecom.deliveries).toHaveLength(0);
    const posts = await s.posts();
    expect(posts.map((p) => [p.channel, p.state])).toEqual([['fans', 'unknown'], ['partner', 'sent']]);
    expect(posts[0]!.detail).toMatch(/may or may not have arrived; check, then `promo posts retry \d+` or `promo posts cancel \d+`/);
    // A person checks the group, sees nothing, and retries it.
    const retried = await s.promo(['posts', 'retry', String(posts[0]!.id), '--now', '2026-12-01T09:00:30Z']);
    expect(retried.code, retried.stderr).toBe(0);
    await s.promo(['daemon', '--once', '--now', '2026-12-01T09:01:00Z']);
    expect(s.wecom.deliveries.filter((d) => d.kind === 'text')).toHaveLength(1);
    expect((await s.posts()).map((p) => p.state)).toEqual(['sent', 'sent']);
  });

  it('does not resend a post whose request reached a channel without an idempotency key before a kill', async () => {
    const s = await setup([{ at: '-3h', text: 'delivered, then killed', channels: ['fans'] }]);
    await s.promo(['schedule', 'spec.yaml']);
    await s.promo(['daemon', '--once', '--now', DUE_2], { PROMO_FAULT: 'after-send' });
    expect(s.wecom.deliveries.filter((d) => d.kind === 'text')).toHaveLength(1);
    await s.promo(['daemon', '--once', '--now', DUE_2]);
    await s.promo(['daemon', '--once', '--now', '2026-12-01T09:05:00Z']);
    expect(s.wecom.deliveries.filter((d) => d.kind === 'text')).toHaveLength(1);
    expect((await s.posts()).map((p) => p.state)).toEqual(['unknown']);
  });

  it('lets only one daemon publish from a state database', async () => {
    // The running daemon keeps the real clock: its stream is days ahead of it, so it holds the
    // lock without anything being due (and without marking the fixed-date posts missed).
    const start = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 3 * 86_400_000);
    const s = await setup(POSTS, '15m', start.toISOString());
    const due1 = new Date(start.getTime() - 86_400_000).toISOString();
    await s.promo(['schedule', 'spec.yaml']);
    const running = spawnTracked(process.execPath, [PROMO_BIN, 'daemon', '--config', s.dir.config], { cwd: s.dir.dir, env: { ...process.env, ...s.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    running.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
    await waitFor(() => log.includes('daemon: publishing'), () => `the daemon to say it is publishing; its log:\n${log}`, 30_000);
    const second = await s.promo(['daemon', '--once', '--now', due1]);
    running.kill('SIGTERM');
    await new Promise((r) => running.on('close', r));
    expect(second.code).toBe(4);
    expect(second.stderr).toMatch(/another promo daemon .* is publishing from .*state\.db; stop that one first/);
    // Once it has stopped, --once may run.
    expect((await s.promo(['daemon', '--once', '--now', due1])).stdout).toMatch(/sent 2/);
  });

  it('as a running daemon, publishes a post when its time comes (node-cron tick, real clock)', async () => {
    const start = new Date(Date.now() + 120_000);
    const s = await setup([{ at: '-105s', text: 'soon: {{stream.title}}', channels: ['outbox'] }], '15m', start.toISOString());
    expect((await s.promo(['schedule', 'spec.yaml'])).code).toBe(0);
    const daemon = spawnTracked(process.execPath, [PROMO_BIN, 'daemon', '--config', s.dir.config], { cwd: s.dir.dir, env: { ...process.env, ...s.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    daemon.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
    try {
      await waitFor(() => /post #1 → outbox: sent/.test(log), () => `the daemon to send post #1; its log:\n${log}`, 90_000);
    } finally {
      daemon.kill('SIGTERM');
      await new Promise((r) => daemon.on('close', r));
    }
    const [post] = await s.posts() as { state: string; due: string; sentAt?: string }[];
    expect(post!.state).toBe('sent');
    // Never early: the daemon's own record of the send is at or after the post's due time.
    expect(Date.parse(post!.sentAt!)).toBeGreaterThanOrEqual(Date.parse(post!.due));
    expect(existsSync(s.outbox)).toBe(true);
  });

  it('cancels posts by id or by spec', async () => {
    const s = await setup(POSTS);
    await s.promo(['schedule', 'spec.yaml']);
    const ids = (await s.posts()).map((p) => p.id);
    expect((await s.promo(['posts', 'cancel', String(ids[0])])).stdout).toMatch(/1 post cancelled/);
    expect((await s.promo(['posts', 'cancel', 'spec.yaml'])).stdout).toMatch(/3 posts cancelled/);
    await s.promo(['daemon', '--once', '--now', DUE_2]);
    expect((await s.posts()).map((p) => p.state)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(s.wecom.deliveries).toHaveLength(0);
  });
});

describe('time zones', () => {
  it('plans the same UTC instants whatever the machine\'s TZ', async () => {
    const dir = await makeSpecDir({
      stream: { title: 'Tea night', repeat: '30 1 * * *', timezone: 'America/New_York' },
      products: [{ sku: 'TEA-001', footage: 'tea.mp4', clips: [{ in: 0, out: 1 }] }],
      posts: [{ at: '-90m', text: '{{stream.datetime}} ({{countdown}})', channels: ['outbox'] }],
    }, { config: { channels: { outbox: { type: 'folder', dir: 'outbox' } } } });
    const outputs: string[] = [];
    for (const TZ of ['UTC', 'Asia/Shanghai', 'America/New_York']) {
      const result = await runCli(['posts', 'plan', dir.spec, '--config', dir.config, '--json', '--now', '2026-10-28T00:00:00Z'], { env: { TZ } });
      expect(result.code, result.stderr).toBe(0);
      outputs.push(result.stdout);
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
    // 01:30 New York every day, across the end of DST on 1 Nov (01:30 happens twice: the first).
    const dues = (JSON.parse(outputs[0]!) as { due: string }[]).map((p) => p.due);
    expect(dues.slice(4, 7)).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z', '2026-11-03T05:00:00.000Z']);
  });
});
