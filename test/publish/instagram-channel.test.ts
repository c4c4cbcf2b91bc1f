// The Instagram Reels driver against a loopback Graph API + rupload fake: a whole post, a
// connection cut mid-upload, a crash after the last byte, a lost media_publish answer, an
// expired token, and processing that fails.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instagramKind } from '../../src/channels/instagram-kind.ts';
import { ChannelError, type ChannelConfigOf } from '../../src/publish/channel-types.ts';
import { createInstagramChannel } from '../../src/publish/instagram-channel.ts';
import { hashFile } from '../../src/publish/hash-file.ts';
import { newDrive } from '../helpers/drive-send.ts';
import { startFakeInstagram, type FakeInstagram } from '../helpers/fake-instagram-server.ts';
import { startFakeOAuth, type FakeOAuth } from '../helpers/fake-oauth-server.ts';
import { makeMediaFolder, makePost } from './publish-test-helpers.ts';

const ACCOUNT = '17841400000000001';
const DUE = new Date('2026-05-01T11:00:00Z');
const BYTES = 3_000_003;

let oauth: FakeOAuth;
let ig: FakeInstagram;
let config: ChannelConfigOf<'instagram'>;
let video: string;

beforeEach(async () => {
  const profile = instagramKind.oauth!;
  oauth = await startFakeOAuth({ authorizePath: profile.authorizePath, tokenPath: profile.tokenPath, pkce: 'none', issuesRefreshTokens: false, grantScopes: [...profile.scopes], scopeSeparator: ',' });
  ig = await startFakeInstagram({ oauth, accountId: ACCOUNT, processingPolls: 3 });
  config = { name: 'shop-ig', type: 'instagram', appId: '1234567890123456', appSecret: 'app-secret-canary', accountId: ACCOUNT, api: ig.url };
  video = await (await makeMediaFolder()).video('tea-sku42.mp4', BYTES);
});
afterEach(async () => {
  await ig.close();
  await oauth.close();
});

// Starts half an hour before the due time, as the scheduler does with the driver's leadSeconds.
const drive = (options: { crashAt?: (progress: Record<string, unknown>) => boolean } = {}) =>
  newDrive({ oauth, now: new Date(DUE.getTime() - 30 * 60_000), ...options });
const post = () => makePost({ video, due: DUE, text: 'Tonight 8 pm: tea #live #tea' });

describe('Instagram channel', () => {
  it('makes a container, checkpoints it, uploads, polls processing, and publishes at the due time', async () => {
    const state = drive();
    const result = await state.run(createInstagramChannel(config), post());

    expect(ig.containers).toHaveLength(1);
    expect(ig.media).toHaveLength(1);
    expect(result).toMatchObject({ remoteId: ig.media[0]!.id, url: ig.media[0]!.permalink });
    expect(ig.media[0]!.sha256).toBe(await hashFile(video, 'sha256'));
    expect(ig.media[0]!.caption).toBe(post().text);
    expect(ig.uploads).toEqual([{ offset: 0, bytes: BYTES }]);
    // The container and its upload URI were durable before the first byte went up.
    expect(state.saves[0]).toEqual({ containerId: ig.containers[0]!.id, uploadUri: `https://rupload.facebook.com/ig-api-upload/v23.0/${ig.containers[0]!.id}` });
    // Processing took polls; then it waited for the due time, and published only then.
    expect(state.agains.filter((again) => again.reason === 'processing').length).toBeGreaterThan(0);
    expect(state.agains.at(-1)).toEqual({ at: DUE, reason: 'ready: media_publish at the due time' });
    expect(state.progress).toMatchObject({ mediaId: ig.media[0]!.id });
  });

  it('publishes nothing while called before the due time, however ready the container is', async () => {
    const driver = createInstagramChannel(config);
    const state = drive();
    let context = { progress: {} as Record<string, unknown> };
    const send = async (at: number) => {
      state.now = at;
      return driver.send(post(), { now: () => new Date(at), signal: new AbortController().signal, timeoutMs: 5000, progress: context.progress, checkpoint: async (p) => { context = { progress: p }; }, accessToken: async () => oauth.grant().accessToken });
    };
    let minute = DUE.getTime() - 30 * 60_000;
    let result = await send(minute);
    while (result.again?.reason === 'processing') result = await send((minute += 60_000));
    expect(result.again).toEqual({ at: DUE, reason: 'ready: media_publish at the due time' });
    // Called again early (a restarted daemon): still waiting, nothing public.
    expect((await send(DUE.getTime() - 1000)).again?.at).toEqual(DUE);
    expect(ig.media).toHaveLength(0);
    const published = await send(DUE.getTime());
    expect(published.remoteId).toBe(ig.media[0]!.id);
  });

  it('publishes a saved media id never again', async () => {
    const state = drive();
    const first = await state.run(createInstagramChannel(config), post());
    const again = await state.run(createInstagramChannel(config), post());
    expect(again.remoteId).toBe(first.remoteId);
    expect(ig.media).toHaveLength(1);
    expect(ig.containers).toHaveLength(1);
  });

  it('resumes a connection cut mid-upload from the offset the service reports: one video, the same bytes', async () => {
    ig.cutUploadsAt.push(1_000_000);
    const state = drive();
    await state.run(createInstagramChannel(config), post());
    expect(ig.uploads).toEqual([{ offset: 0, bytes: 1_000_000 }, { offset: 1_000_000, bytes: BYTES - 1_000_000 }]);
    expect(ig.containers).toHaveLength(1);
    expect(ig.media).toHaveLength(1);
    expect(ig.media[0]!.sha256).toBe(await hashFile(video, 'sha256'));
  });

  it('after a crash between the last byte and its checkpoint, polls the saved container: one upload, one video', async () => {
    const state = drive({ crashAt: (progress) => progress.uploaded === true });
    await expect(state.run(createInstagramChannel(config), post())).rejects.toThrow('simulated crash');
    expect(state.progress).not.toHaveProperty('uploaded');
    const result = await state.run(createInstagramChannel(config), post());
    expect(ig.containers).toHaveLength(1);
    expect(ig.uploads).toHaveLength(1);
    expect(ig.media).toHaveLength(1);
    expect(result.remoteId).toBe(ig.media[0]!.id);
  });

  it('after a lost media_publish answer, finds the published Reel instead of publishing again', async () => {
    ig.loseAnswers.push('publish');
    const state = drive();
    await expect(state.run(createInstagramChannel(config), post())).rejects.toBeInstanceOf(ChannelError);
    expect(state.progress).not.toHaveProperty('mediaId');
    const result = await state.run(createInstagramChannel(config), post());
    expect(ig.media).toHaveLength(1);
    expect(result).toMatchObject({ remoteId: ig.media[0]!.id, url: ig.media[0]!.permalink });
  });

  it('refreshes the token once (force) when Graph says 190, and goes on', async () => {
    const state = drive();
    oauth.expireAccessTokens();
    const result = await state.run(createInstagramChannel(config), post());
    expect(state.forced).toBe(1);
    expect(result.remoteId).toBe(ig.media[0]!.id);
  });

  it.each([
    ['the 24-hour publishing limit', { code: 9, subcode: 2207042, message: 'The maximum number of posts allowed has been reached' }, 3600],
    ['an application rate limit', { code: 4, message: 'Application request limit reached' }, 600],
  ] as const)('waits when media_publish answers %s, then publishes the same container', async (_what, refusal, wait) => {
    ig.publishErrors.push(refusal);
    const state = drive();
    const error = await state.run(createInstagramChannel(config), post()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).options).toMatchObject({ retryable: true, retryAfter: wait });
    expect((error as ChannelError).message).toContain(refusal.message);
    expect(ig.media).toHaveLength(0);
    const result = await state.run(createInstagramChannel(config), post());
    expect(ig.containers).toHaveLength(1);
    expect(result.remoteId).toBe(ig.media[0]!.id);
  });

  it("reads the account's publishing quota first and waits when it is used up, without asking media_publish", async () => {
    await ig.close();
    ig = await startFakeInstagram({ oauth, accountId: ACCOUNT, processingPolls: 1, quotaTotal: 1 });
    const configured = { ...config, api: ig.url };
    await drive().run(createInstagramChannel(configured), post());
    const error = await drive().run(createInstagramChannel(configured), makePost({ video, due: DUE, text: 'Second reel' })).catch((caught: unknown) => caught);
    expect((error as ChannelError).message).toContain('24-hour publishing limit is reached (1 of 1 posts)');
    expect((error as ChannelError).options).toMatchObject({ retryable: true, retryAfter: 3600 });
    expect(ig.media).toHaveLength(1);
    expect(ig.containers).toHaveLength(2);
  });

  it('refuses a video over 300 MB before making a container', async () => {
    const big = await (await makeMediaFolder()).sparse('huge.mp4', 300_000_001);
    const error = await drive().run(createInstagramChannel(config), makePost({ video: big, due: DUE })).catch((caught: unknown) => caught);
    expect((error as ChannelError).message).toMatch(/at most 300\.0 MB/);
    expect(ig.containers).toHaveLength(0);
  });

  it('fails with the service\'s reason when processing ends in ERROR, and publishes nothing', async () => {
    await ig.close();
    ig = await startFakeInstagram({ oauth, accountId: ACCOUNT, processingError: 'Unsupported video format (2207026)' });
    const state = drive();
    const error = await state.run(createInstagramChannel({ ...config, api: ig.url }), post()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).message).toContain('Unsupported video format (2207026)');
    expect((error as ChannelError).options.retryable).toBe(false);
    expect(ig.media).toHaveLength(0);
  });
});
