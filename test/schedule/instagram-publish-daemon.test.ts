// An Instagram post end to end: `promo schedule` renders the spec's video and stores the post,
// then `promo daemon --once --now` runs (real processes) against the Instagram fake, the account
// (a long-lived token, no refresh token) in the credentials file beside the state database. The
// container is made and uploaded 30 minutes ahead of the due time (leadSeconds, on the scheduler's
// clock), processing is polled over several runs, then the Reel is published. One container, one
// Reel with the rendered file's bytes, its id and permalink in promo posts; no token in the
// database or the output. (media_publish waits for the due time by the real clock, which --now
// does not move: here the due time has just passed for real; instagram-channel.test.ts shows the
// wait.)
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import { instagramKind } from '../../src/channels/instagram-kind.ts';
import { startFakeInstagram, type FakeInstagram } from '../helpers/fake-instagram-server.ts';
import { startFakeOAuth, type FakeOAuth } from '../helpers/fake-oauth-server.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { makeSpecDir, runCli } from '../helpers/spec-dir.ts';

const SECRET = 'ig-daemon-secret-21';
const ACCOUNT = '17841400000000009';
let clip: string;
let oauth: FakeOAuth;
let ig: FakeInstagram;
beforeAll(async () => { clip = await makeVideo({ width: 320, height: 180, duration: 5, audio: 'stereo' }); });
beforeEach(async () => {
  const profile = instagramKind.oauth!;
  oauth = await startFakeOAuth({ authorizePath: profile.authorizePath, tokenPath: profile.tokenPath, clientId: '1234567890123456', clientSecret: SECRET, pkce: 'none', issuesRefreshTokens: false, scopeSeparator: ',', grantScopes: [...profile.scopes], accessTtlSeconds: 60 * 86_400 });
  ig = await startFakeInstagram({ oauth, accountId: ACCOUNT, processingPolls: 3 });
});
afterEach(async () => {
  await ig.close();
  await oauth.close();
});

// `YYYY-MM-DD HH:MM` in UTC, a whole minute.
const local = (date: Date) => date.toISOString().slice(0, 16).replace('T', ' ');

describe('Instagram posts through promo schedule and the daemon', () => {
  it('uploads ahead, polls processing over several runs, publishes once, and records the Reel', async () => {
    // Due at the last whole minute (real time): the scheduler's --now runs before it, the real clock after.
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 2 * 3_600_000);
    const due = new Date(start.getTime() - 2 * 3_600_000);
    const dir = await makeSpecDir({
      stream: { title: 'Tea night', start: local(start), timezone: 'UTC', url: 'https://live.example.com/room/8848' },
      products: [{ sku: 'TEA-001', name: 'Longjing', price: 99, footage: 'tea.mp4', clips: [{ in: 0, out: 4 }] }],
      outputs: [{ name: 'tiny', width: 240, height: 240 }],
      intro: false, outro: false, quality: 'draft',
      posts: [{ at: '-2h', video: 'TEA-001', text: '{{product.name}} tonight #tea #live', channels: ['ig'] }],
    }, {
      files: { 'tea.mp4': clip },
      config: { timezone: 'UTC', channels: { ig: { type: 'instagram', appId: '1234567890123456', appSecret: '${IG_SECRET}', accountId: ACCOUNT, api: ig.url } } },
    });
    const state = join(dir.dir, '.promo', 'state.db');
    const granted = oauth.grant();
    await CredentialsFile.forState(state, {}).update((accounts) => {
      accounts.ig = { kind: 'instagram', scopes: [...instagramKind.oauth!.scopes], tokens: { accessToken: granted.accessToken, expiresAt: new Date(Date.now() + 60 * 86_400_000).toISOString() } };
    });
    const output: string[] = [];
    const promo = async (args: string[]) => {
      const run = await runCli([...args, '--config', dir.config], { cwd: dir.dir, env: { IG_SECRET: SECRET } });
      output.push(run.stdout, run.stderr);
      return run;
    };
    const daemonAt = (minutes: number) => promo(['daemon', '--once', '--now', new Date(due.getTime() + minutes * 60_000).toISOString()]);
    const posts = async () => JSON.parse((await promo(['posts', '--json'])).stdout) as Record<string, unknown>[];

    const scheduled = await promo(['schedule', 'spec.yaml']);
    expect(scheduled.code, scheduled.stderr).toBe(0);
    // Before the lead: nothing. From 30 minutes ahead: the container, the upload, processing polls.
    await daemonAt(-31);
    expect(ig.containers).toHaveLength(0);
    await daemonAt(-30);
    expect(ig.containers).toHaveLength(1);
    expect(ig.uploads).toHaveLength(1);
    expect(ig.media).toHaveLength(0);
    expect((await posts())[0]).toMatchObject({ state: 'sending' });
    // Processing answers IN_PROGRESS to the first two polls: published after the third. Each poll
    // is asked for a minute later by the real clock (just past the due time), so the runs are a
    // few minutes on (within the 15-minute grace: minutes of slack for a slow machine).
    await daemonAt(12);
    expect(ig.containers[0]!.polls).toBe(2);
    expect(ig.media).toHaveLength(0);
    await daemonAt(14);
    expect(ig.containers[0]!.polls).toBe(3);
    const rendered = readFileSync(join(dir.out, 'TEA-001', 'tiny.mp4'));
    expect(ig.containers).toHaveLength(1);
    expect(ig.media).toEqual([expect.objectContaining({ caption: 'Longjing tonight #tea #live', sha256: createHash('sha256').update(rendered).digest('hex') })]);
    const [post] = await posts();
    expect(post, output.join('\n')).toMatchObject({ state: 'sent', remoteId: ig.media[0]!.id, remoteUrl: ig.media[0]!.permalink });
    expect((await promo(['posts'])).stdout).toContain(ig.media[0]!.permalink);

    const db = readFileSync(state).toString('latin1') + readFileSync(`${state}-wal`, { flag: 'a+' }).toString('latin1');
    for (const secret of [granted.accessToken, SECRET]) {
      expect(db).not.toContain(secret);
      for (const text of output) expect(text).not.toContain(secret);
    }
  });
});
