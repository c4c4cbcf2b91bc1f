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
import { instagramKind } from '../../src/channels/instagram-kind.ts';
import { startFakeInstagram, type FakeInstagram } from '../helpers/fake-instagram-server.ts';
import { startFakeOAuth, type FakeOAuth } from '../helpers/fake-oauth-server.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { makePlatformRig } from './platform-daemon-rig.ts';

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

describe('Instagram posts through promo schedule and the daemon', () => {
  it('uploads ahead, polls processing over several runs, publishes once, and records the Reel', async () => {
    const granted = oauth.grant();
    const rig = await makePlatformRig({
      clip, name: 'ig', text: '{{product.name}} tonight #tea #live', env: { IG_SECRET: SECRET },
      channel: { type: 'instagram', appId: '1234567890123456', appSecret: '${IG_SECRET}', accountId: ACCOUNT, api: ig.url },
      account: { kind: 'instagram', scopes: [...instagramKind.oauth!.scopes], tokens: { accessToken: granted.accessToken, expiresAt: new Date(Date.now() + 60 * 86_400_000).toISOString() } },
    });
    const scheduled = await rig.promo(['schedule', 'spec.yaml']);
    expect(scheduled.code, scheduled.stderr).toBe(0);
    // Before the lead: nothing. From 30 minutes ahead: the container, the upload, processing polls.
    await rig.daemonAt(-31);
    expect(ig.containers).toHaveLength(0);
    await rig.daemonAt(-30);
    expect(ig.containers).toHaveLength(1);
    expect(ig.uploads).toHaveLength(1);
    expect(ig.media).toHaveLength(0);
    expect((await rig.posts())[0]).toMatchObject({ state: 'sending' });
    // Processing answers IN_PROGRESS to the first two polls: published after the third. Each poll
    // is asked for a minute later by the real clock (just past the due time), so the runs are a
    // few minutes on (within the 15-minute grace: minutes of slack for a slow machine).
    await rig.daemonAt(12);
    expect(ig.containers[0]!.polls).toBe(2);
    expect(ig.media).toHaveLength(0);
    await rig.daemonAt(14);
    expect(ig.containers[0]!.polls).toBe(3);
    const rendered = readFileSync(join(rig.dir.out, 'TEA-001', 'tiny.mp4'));
    expect(ig.containers).toHaveLength(1);
    expect(ig.media).toEqual([expect.objectContaining({ caption: 'Longjing tonight #tea #live', sha256: createHash('sha256').update(rendered).digest('hex') })]);
    const [post] = await rig.posts();
    expect(post, rig.output.join('\n')).toMatchObject({ state: 'sent', remoteId: ig.media[0]!.id, remoteUrl: ig.media[0]!.permalink });
    expect((await rig.promo(['posts'])).stdout).toContain(ig.media[0]!.permalink);

    const db = rig.database();
    for (const secret of [granted.accessToken, SECRET]) {
      expect(db).not.toContain(secret);
      for (const text of rig.output) expect(text).not.toContain(secret);
    }
  });
});
