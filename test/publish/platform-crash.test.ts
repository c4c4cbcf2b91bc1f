// kill -9 of a real process sending an Instagram, Kuaishou or Douyin post, mid-upload and after
// the last byte arrived (its answer never heard), and (Douyin) after the post was made: the next
// process, from what was checkpointed, asks the service what it holds and carries on. One
// container / upload / post each, the file's bytes. Douyin's access token is promo's own refresh
// of an ended one against the faithful Douyin OAuth fake (exactly client_key, grant_type and
// refresh_token), so wrong refresh parameters fail these cases before any upload.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenProvider } from '../../src/accounts/create-token-provider.ts';
import { CredentialsFile } from '../../src/accounts/credentials-file.ts';
import { douyinKind } from '../../src/channels/douyin-kind.ts';
import { instagramKind } from '../../src/channels/instagram-kind.ts';
import { kuaishouKind } from '../../src/channels/kuaishou-kind.ts';
import { hashFile } from '../../src/publish/hash-file.ts';
import { startFakeDouyinOAuth } from '../helpers/fake-douyin-oauth.ts';
import { startFakeDouyin } from '../helpers/fake-douyin-server.ts';
import { startFakeInstagram, type FakeInstagram } from '../helpers/fake-instagram-server.ts';
import { startFakeKuaishou } from '../helpers/fake-kuaishou-server.ts';
import { startFakeOAuth, type FakeOAuth } from '../helpers/fake-oauth-server.ts';
import { spawnTracked } from '../helpers/spawn-tracked.ts';
import { makeMediaFolder, type MediaFolder } from './publish-test-helpers.ts';

const ACCOUNT = '17841400000000001';
const BYTES = 6_000_007;
const DUE = '2026-05-01T11:00:00.000Z';
let media: MediaFolder;
let oauth: FakeOAuth;
let ig: FakeInstagram;
beforeEach(async () => {
  media = await makeMediaFolder();
  const profile = instagramKind.oauth!;
  oauth = await startFakeOAuth({ authorizePath: profile.authorizePath, tokenPath: profile.tokenPath, pkce: 'none', issuesRefreshTokens: false, grantScopes: [...profile.scopes], scopeSeparator: ',' });
  ig = await startFakeInstagram({ oauth, accountId: ACCOUNT });
});
afterEach(async () => {
  await ig.close();
  await oauth.close();
});

function spawnChild(args: Record<string, unknown>) {
  const child = spawnTracked(process.execPath, ['bin/run-ts.js', 'test/publish/platform-send-child.ts', JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (data: Buffer) => { out += data.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, out })));
  let killed = false;
  // SIGKILL once (bytes keep arriving until the socket closes, and hooks hear each of them).
  const kill = () => {
    if (killed) return;
    killed = true;
    process.kill(child.pid!, 'SIGKILL');
  };
  return { child, exited, kill };
}

function runChild(video: string, progressFile: string, token: string) {
  return spawnChild({
    config: { name: 'shop-ig', type: 'instagram', appId: '1234567890123456', appSecret: 'app-secret', accountId: ACCOUNT, api: ig.url },
    token, post: { video, text: 'Tonight 8 pm #tea', due: DUE }, now: '2026-05-01T10:40:00.000Z', progressFile,
  });
}

describe('Instagram send killed with SIGKILL', () => {
  it.each([
    ['mid-upload', 'bytes'],
    ['after the last byte, before its answer', 'final'],
  ] as const)('%s: the next process makes no second container or Reel', async (_when, at) => {
    const video = await media.video('tea.mp4', BYTES);
    const progressFile = join(media.dir, 'progress.json');
    const token = oauth.grant().accessToken;
    const first = runChild(video, progressFile, token);
    const { kill } = first;
    if (at === 'bytes') {
      ig.onBytes = (_container, received) => {
        if (received < 2_500_000) return false;
        kill();
        return true;
      };
    } else {
      ig.beforeUploadAnswer = async () => {
        kill();
        await first.exited;
      };
    }
    expect((await first.exited).signal).toBe('SIGKILL');
    ig.onBytes = undefined;
    ig.beforeUploadAnswer = undefined;
    const saved = JSON.parse(await readFile(progressFile, 'utf8')) as Record<string, unknown>;
    expect(saved).toEqual({ containerId: ig.containers[0]!.id, uploadUri: expect.stringContaining('/ig-api-upload/') });
    const held = ig.bytesOf(ig.containers[0]!);
    if (at === 'final') expect(held).toBe(BYTES);
    else expect(held).toBeLessThan(BYTES);

    const second = await runChild(video, progressFile, token).exited;
    expect(second.code).toBe(0);
    expect(ig.containers).toHaveLength(1);
    expect(ig.media).toHaveLength(1);
    expect(ig.media[0]!.sha256).toBe(await hashFile(video, 'sha256'));
    expect(JSON.parse(second.out)).toMatchObject({ remoteId: ig.media[0]!.id, url: ig.media[0]!.permalink });
    // The second process went on from what Instagram held (nothing again after the last byte).
    expect(ig.uploads.slice(1)).toEqual(at === 'final' ? [] : [{ offset: held, bytes: BYTES - held }]);
  });
});

describe('Kuaishou send killed with SIGKILL', () => {
  const FRAGMENT = 5 * 1024 * 1024;
  it.each([
    ['mid-fragment', 'bytes'],
    ['after the last fragment arrived, before its answer', 'final'],
  ] as const)('%s: the next process goes on with the same upload token, one photo', async (_when, at) => {
    const profile = kuaishouKind.oauth!;
    const ksOAuth = await startFakeOAuth({ authorizePath: profile.authorizePath, tokenPath: profile.tokenPath, clientIdParam: 'app_id', clientSecretParam: 'app_secret', clientId: 'ks1', pkce: 'none', grantScopes: [...profile.scopes], scopeSeparator: ',' });
    const ks = await startFakeKuaishou({ oauth: ksOAuth, appId: 'ks1' });
    try {
      const video = await media.video('tea.mp4', 3 * FRAGMENT + 777);
      const cover = await media.cover();
      const progressFile = join(media.dir, 'ks-progress.json');
      const args = {
        config: { name: 'shop-ks', type: 'kuaishou', appId: 'ks1', appSecret: 'app-secret', api: ks.url },
        token: ksOAuth.grant().accessToken, post: { video, cover, text: '今晚8点 #龙井 ', due: DUE }, now: DUE, progressFile,
      };
      const first = spawnChild(args);
      const { kill } = first;
      if (at === 'bytes') {
        ks.onUploadBytes = (fragment, received) => {
          if (fragment !== 2 || received < 1_000_000) return false;
          kill();
          return true;
        };
      } else {
        ks.beforeUploadAnswer = async (fragment) => {
          if (fragment !== 3) return;
          kill();
          await first.exited;
        };
      }
      expect((await first.exited).signal).toBe('SIGKILL');
      ks.onUploadBytes = undefined;
      ks.beforeUploadAnswer = undefined;
      expect(ks.received.map((entry) => entry.fragment)).toEqual(at === 'bytes' ? [0, 1] : [0, 1, 2, 3]);

      const second = await spawnChild(args).exited;
      expect(second.code).toBe(0);
      expect(ks.starts).toBe(1);
      // Only what the endpoint did not hold was sent again.
      expect(ks.received.map((entry) => entry.fragment)).toEqual([0, 1, 2, 3]);
      expect(ks.photos).toHaveLength(1);
      expect(ks.photos[0]!.videoSha256).toBe(await hashFile(video, 'sha256'));
      expect(JSON.parse(second.out)).toMatchObject({ remoteId: ks.photos[0]!.id });
    } finally {
      await ks.close();
      await ksOAuth.close();
    }
  });
});

describe('Douyin send killed with SIGKILL', () => {
  const OPEN_ID = '_000QadFMhmU1jNCI3JdPnyVDL6XavC70dFy';
  it.each([
    ['mid-upload', 'bytes'],
    ['after create_video made the post, before its answer', 'created'],
  ] as const)('%s: the next process makes no second post', async (_when, at) => {
    const profile = douyinKind.oauth!;
    const dyOAuth = await startFakeDouyinOAuth({ clientId: 'awx1', clientSecret: 'client-secret', accountId: OPEN_ID });
    const douyin = await startFakeDouyin({ oauth: dyOAuth, openId: OPEN_ID, reviewPolls: 1 });
    try {
      const video = await media.video('tea.mp4', 4_000_003);
      const progressFile = join(media.dir, 'dy-progress.json');
      const config = { name: 'shop-douyin', type: 'douyin', clientKey: 'awx1', clientSecret: 'client-secret', api: douyin.url } as const;
      const granted = dyOAuth.grant();
      dyOAuth.expireAccessTokens();
      const credentials = CredentialsFile.forState(join(media.dir, 'state.db'), {});
      await credentials.update((accounts) => {
        accounts[config.name] = { kind: 'douyin', accountId: OPEN_ID, scopes: [...profile.scopes], tokens: { accessToken: granted.accessToken, refreshToken: granted.refreshToken!, expiresAt: new Date(Date.now() - 3_600_000).toISOString(), refreshExpiresAt: new Date(Date.now() + 20 * 86_400_000).toISOString() } };
      });
      const token = await createTokenProvider({ config, profile, credentials })(undefined, { now: () => new Date(), signal: new AbortController().signal, timeoutMs: 10_000 });
      expect(dyOAuth.tokenRequests).toEqual([{ path: profile.refreshPath, params: ['client_key', 'grant_type', 'refresh_token'] }]);
      const args = { config, token, accountId: OPEN_ID, post: { video, text: '今晚8点 #直播', due: DUE }, now: DUE, progressFile };
      const first = spawnChild(args);
      const { kill } = first;
      if (at === 'bytes') {
        douyin.onUploadBytes = (received) => {
          if (received < 1_500_000) return false;
          kill();
          return true;
        };
      } else {
        douyin.beforeCreateAnswer = async () => {
          kill();
          await first.exited;
        };
      }
      expect((await first.exited).signal).toBe('SIGKILL');
      douyin.onUploadBytes = undefined;
      douyin.beforeCreateAnswer = undefined;
      expect(douyin.items).toHaveLength(at === 'created' ? 1 : 0);

      const second = await spawnChild(args).exited;
      expect(second.code).toBe(0);
      expect(douyin.items).toHaveLength(1);
      expect(douyin.items[0]!.videoSha256).toBe(await hashFile(video, 'sha256'));
      expect(JSON.parse(second.out)).toMatchObject({ remoteId: douyin.items[0]!.id, url: douyin.items[0]!.shareUrl });
      // After the post was made, the video was not uploaded again: it was found, not re-created.
      expect(douyin.videos).toHaveLength(1);
    } finally {
      await douyin.close();
      await dyOAuth.close();
    }
  });
});
