// The Kuaishou driver against a loopback open-platform + upload-endpoint fake: a whole small
// upload, fragments with one cut mid-way, a crash after the last fragment, a lost publish
// answer, an expired token and a missing scope.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kuaishouKind } from '../../src/channels/kuaishou-kind.ts';
import { ChannelError, type ChannelConfigOf } from '../../src/publish/channel-types.ts';
import { createKuaishouChannel } from '../../src/publish/kuaishou-channel.ts';
import { hashFile } from '../../src/publish/hash-file.ts';
import { newDrive } from '../helpers/drive-send.ts';
import { startFakeKuaishou, type FakeKuaishou } from '../helpers/fake-kuaishou-server.ts';
import { startFakeOAuth, type FakeOAuth } from '../helpers/fake-oauth-server.ts';
import { makeMediaFolder, makePost, type MediaFolder } from './publish-test-helpers.ts';

const APP_ID = 'ks123456789012345678';
const DUE = new Date('2026-05-01T11:00:00Z');
const FRAGMENT = 5 * 1024 * 1024;
const BIG = 3 * FRAGMENT + 12_345;

let oauth: FakeOAuth;
let ks: FakeKuaishou;
let config: ChannelConfigOf<'kuaishou'>;
let media: MediaFolder;

async function start(scopes: readonly string[] = kuaishouKind.oauth!.scopes): Promise<void> {
  const profile = kuaishouKind.oauth!;
  oauth = await startFakeOAuth({ authorizePath: profile.authorizePath, tokenPath: profile.tokenPath, refreshPath: profile.refreshPath, clientIdParam: 'app_id', clientSecretParam: 'app_secret', clientId: APP_ID, pkce: 'none', grantScopes: [...scopes], scopeSeparator: ',' });
  ks = await startFakeKuaishou({ oauth, appId: APP_ID });
  config = { name: 'shop-ks', type: 'kuaishou', appId: APP_ID, appSecret: 'app-secret-canary', api: ks.url };
}
beforeEach(async () => { media = await makeMediaFolder(); });
afterEach(async () => {
  await ks.close();
  await oauth.close();
});

const drive = (options: { crashAt?: (progress: Record<string, unknown>) => boolean } = {}) => newDrive({ oauth, now: DUE, ...options });
async function post(bytes: number) {
  return makePost({ video: await media.video('tea.mp4', bytes), cover: await media.cover(), due: DUE, text: '今晚8点开播 #龙井 ' });
}

describe('Kuaishou channel', () => {
  it('uploads a small video whole and publishes it once with caption and cover', async () => {
    await start();
    const item = await post(3_000_000);
    const state = drive();
    const result = await state.run(createKuaishouChannel(config), item);
    expect(ks.received).toEqual([{ path: '/api/upload', bytes: 3_000_000 }]);
    expect(ks.photos).toHaveLength(1);
    expect(ks.photos[0]).toMatchObject({ caption: item.text, videoSha256: await hashFile(item.video!, 'sha256'), coverBytes: 1024 });
    expect(result.remoteId).toBe(ks.photos[0]!.id);
    // The upload token was durable before the first byte.
    expect(Object.keys(state.saves[0]!).sort()).toEqual(['endpoint', 'fragmentsDone', 'uploadToken']);
  });

  it('uploads in 5 MiB fragments from 0, sends a fragment cut mid-way again: one photo, the same bytes', async () => {
    await start();
    const item = await post(BIG);
    ks.cutUploadsAt.push(Infinity, 1_000_000);
    const state = drive();
    await state.run(createKuaishouChannel(config), item);
    expect(ks.cuts).toBe(1);
    expect(ks.received.map((entry) => entry.fragment)).toEqual([0, 1, 2, 3]);
    expect(ks.received.map((entry) => entry.bytes)).toEqual([FRAGMENT, FRAGMENT, FRAGMENT, 12_345]);
    expect(ks.photos).toHaveLength(1);
    expect(ks.photos[0]!.videoSha256).toBe(await hashFile(item.video!, 'sha256'));
  });

  it('after a crash mid-upload, goes on from the next fragment with the same upload token', async () => {
    await start();
    const item = await post(BIG);
    const state = drive({ crashAt: (progress) => progress.fragmentsDone === 2 });
    await expect(state.run(createKuaishouChannel(config), item)).rejects.toThrow('simulated crash');
    expect(state.progress.fragmentsDone).toBe(1);
    await state.run(createKuaishouChannel(config), item);
    expect(ks.starts).toBe(1);
    // Fragment 1 arrived before the crash; the endpoint's resume says so, and it is not sent again.
    expect(ks.received.map((entry) => entry.fragment)).toEqual([0, 1, 2, 3]);
    expect(ks.photos).toHaveLength(1);
    expect(ks.photos[0]!.videoSha256).toBe(await hashFile(item.video!, 'sha256'));
  });

  it('after a crash between the last byte and its checkpoint, publishes without uploading again', async () => {
    await start();
    const item = await post(3_000_000);
    const state = drive({ crashAt: (progress) => progress.uploaded === true });
    await expect(state.run(createKuaishouChannel(config), item)).rejects.toThrow('simulated crash');
    await state.run(createKuaishouChannel(config), item);
    expect(ks.starts).toBe(1);
    expect(ks.photos).toHaveLength(1);
  });

  it('after a lost publish answer, finds the post in photo/list instead of publishing again', async () => {
    await start();
    const item = await post(4096);
    ks.losePublishAnswers = 1;
    const state = drive();
    const error = await state.run(createKuaishouChannel(config), item).catch((caught: unknown) => caught);
    expect((error as ChannelError).options.maybeDelivered).toBe(true);
    const result = await state.run(createKuaishouChannel(config), item);
    expect(ks.photos).toHaveLength(1);
    expect(result.remoteId).toBe(ks.photos[0]!.id);
  });

  it('refreshes the token once (force) when Kuaishou refuses it, and goes on', async () => {
    await start();
    const item = await post(4096);
    const state = drive();
    oauth.expireAccessTokens();
    const result = await state.run(createKuaishouChannel(config), item);
    expect(state.forced).toBe(1);
    expect(result.remoteId).toBe(ks.photos[0]!.id);
  });

  it('never shows the access token (sent in the query) when an error page quotes the URL', async () => {
    await start();
    const state = drive();
    const error = await state.run(createKuaishouChannel({ ...config, api: `${ks.url}/wrong-prefix` }), await post(4096)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelError);
    const message = (error as ChannelError).message;
    expect(message).toContain('Cannot POST /wrong-prefix/openapi/photo/start_upload');
    expect(message).toContain('access_token=***');
    expect(message).not.toMatch(/at-[0-9a-f]{24}/);
  });

  it('says the publish scope must be approved when it is missing', async () => {
    await start(['user_info']);
    const error = await drive().run(createKuaishouChannel(config), await post(4096)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).message).toMatch(/user_video_publish scope approved/);
    expect((error as ChannelError).options).toMatchObject({ retryable: false, auth: true });
  });
});
