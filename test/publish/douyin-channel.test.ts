// The Douyin driver against a loopback open-platform fake: a single upload and a post through
// review, parts above 128 MB with one cut mid-way, a crash before the video id's checkpoint, a
// lost create_video answer, an expired token, a refused posting scope and a refused review.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { douyinKind } from '../../src/channels/douyin-kind.ts';
import { ChannelError, type ChannelConfigOf } from '../../src/publish/channel-types.ts';
import { createDouyinChannel } from '../../src/publish/douyin-channel.ts';
import { hashFile } from '../../src/publish/hash-file.ts';
import { newDrive } from '../helpers/drive-send.ts';
import { startFakeDouyin, type FakeDouyin } from '../helpers/fake-douyin-server.ts';
import { startFakeDouyinOAuth } from '../helpers/fake-douyin-oauth.ts';
import type { FakeOAuth } from '../helpers/fake-oauth-server.ts';
import { makeMediaFolder, makePost, type MediaFolder } from './publish-test-helpers.ts';

const OPEN_ID = '_000QadFMhmU1jNCI3JdPnyVDL6XavC70dFy';
const DUE = new Date('2026-05-01T11:00:00Z');
const PART = 20 * 1024 * 1024;

let oauth: FakeOAuth;
let douyin: FakeDouyin;
let config: ChannelConfigOf<'douyin'>;
let media: MediaFolder;

async function start(scopes: readonly string[] = douyinKind.oauth!.scopes, options: { reviewOutcome?: 1 | 2 } = {}): Promise<void> {
  oauth = await startFakeDouyinOAuth({ clientSecret: 'client-secret-canary', grantScopes: [...scopes], accountId: OPEN_ID });
  douyin = await startFakeDouyin({ oauth, openId: OPEN_ID, reviewPolls: 2, ...options });
  config = { name: 'shop-douyin', type: 'douyin', clientKey: 'awx1234567890abcd', clientSecret: 'client-secret-canary', api: douyin.url };
}
beforeEach(async () => { media = await makeMediaFolder(); });
afterEach(async () => {
  await douyin.close();
  await oauth.close();
});

const drive = (options: { crashAt?: (progress: Record<string, unknown>) => boolean } = {}) => newDrive({ oauth, now: DUE, accountId: OPEN_ID, ...options });
const post = (video: string) => makePost({ video, due: DUE, text: '今晚8点 明前龙井 #直播' });

describe('Douyin channel', () => {
  it('uploads a small video in one request, creates the post once, and follows the review to its share URL', async () => {
    await start();
    const video = await media.video('tea.mp4', 3_000_001);
    const state = drive();
    const result = await state.run(createDouyinChannel(config), post(video));
    expect(douyin.videos).toHaveLength(1);
    expect(douyin.items).toHaveLength(1);
    expect(douyin.items[0]).toMatchObject({ text: post(video).text, videoSha256: await hashFile(video, 'sha256') });
    expect(result).toMatchObject({ remoteId: douyin.items[0]!.id, url: douyin.items[0]!.shareUrl });
    expect(state.agains.map((again) => again.reason)).toEqual(['under review', 'under review']);
    // The video id was durable before create_video was asked, and that before its answer.
    const order = state.saves.map((save) => Object.keys(save).join(','));
    expect(order[0]).toBe('videoId');
    expect(order[1]).toBe('videoId,createAskedAt');
  });

  it("sends the rendered cover with upload_image and names it in create_video", async () => {
    await start();
    const item = makePost({ video: await media.video('tea.mp4', 4096), cover: await media.cover('tea.jpg', 2048), due: DUE, text: '今晚8点 #直播' });
    const result = await drive().run(createDouyinChannel(config), item);
    expect(douyin.items).toEqual([expect.objectContaining({ id: result.remoteId, coverBytes: 2048 })]);
  });

  it('refuses a video over 4 GB before uploading anything', async () => {
    await start();
    const big = await media.sparse('huge.mp4', 4_000_000_001);
    const error = await drive().run(createDouyinChannel(config), post(big)).catch((caught: unknown) => caught);
    expect((error as ChannelError).message).toMatch(/at most 4000\.0 MB/);
    expect((error as ChannelError).options.retryable).toBe(false);
    expect(douyin.videos).toHaveLength(0);
  });

  it('uploads above 128 MB in 20 MB parts, sends a part cut mid-way again: one video, the same bytes', async () => {
    await start();
    const video = await media.video('big.mp4', 130_000_000);
    // Parts 1 and 2 arrive whole; part 3 is cut after 3 MB.
    douyin.cutUploadsAt.push(Infinity, Infinity, 3_000_000);
    const state = drive();
    await state.run(createDouyinChannel(config), post(video));
    expect(douyin.parts.map((part) => part.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(douyin.parts.slice(0, 5).every((part) => part.bytes === PART)).toBe(true);
    expect(douyin.parts[5]!.bytes).toBe(130_000_000 - 5 * PART);
    expect(douyin.videos).toHaveLength(1);
    expect(douyin.items).toHaveLength(1);
    expect(douyin.items[0]!.videoSha256).toBe(await hashFile(video, 'sha256'));
    // The third part was cut, then sent whole; each confirmed part was checkpointed.
    expect(douyin.cuts).toBe(1);
    const confirmed = state.saves.map((save) => save.partsDone).filter((done, i, all) => done !== undefined && done !== all[i - 1]);
    expect(confirmed).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('after a crash before the video id is saved, uploads again and still posts once', async () => {
    await start();
    const video = await media.video('tea.mp4', 3_000_001);
    const state = drive({ crashAt: (progress) => progress.videoId !== undefined });
    await expect(state.run(createDouyinChannel(config), post(video))).rejects.toThrow('simulated crash');
    const result = await state.run(createDouyinChannel(config), post(video));
    // The first upload is an unused video (nobody sees it); one post.
    expect(douyin.videos).toHaveLength(2);
    expect(douyin.items).toHaveLength(1);
    expect(result.remoteId).toBe(douyin.items[0]!.id);
  });

  it('after a lost create_video answer, finds the post in the video list instead of creating it again', async () => {
    await start();
    const video = await media.video('tea.mp4', 3_000_001);
    douyin.loseCreateAnswers = 1;
    const state = drive();
    const error = await state.run(createDouyinChannel(config), post(video)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).options.maybeDelivered).toBe(true);
    const result = await state.run(createDouyinChannel(config), post(video));
    expect(douyin.items).toHaveLength(1);
    expect(result.remoteId).toBe(douyin.items[0]!.id);
  });

  it.each([
    ['the posting quota is used up', 28003017, 3600],
    ['requests are too frequent', 28003018, 60],
  ] as const)('waits when create_video says %s, then posts once from the saved video', async (_what, code, wait) => {
    await start();
    const video = await media.video('tea.mp4', 4096);
    douyin.createErrors.push(code);
    const state = drive();
    const error = await state.run(createDouyinChannel(config), post(video)).catch((caught: unknown) => caught);
    expect((error as ChannelError).options).toMatchObject({ retryable: true, retryAfter: wait });
    expect((error as ChannelError).message).toContain(`error_code ${code}`);
    // A refusal made nothing: the next attempt asks create_video again (not the recovery path).
    expect(state.progress).not.toHaveProperty('createAskedAt');
    const result = await state.run(createDouyinChannel(config), post(video));
    expect(douyin.videos).toHaveLength(1);
    expect(douyin.items).toHaveLength(1);
    expect(result.remoteId).toBe(douyin.items[0]!.id);
  });

  it('refreshes the token once (force) when Douyin says 2190008, and goes on', async () => {
    await start();
    const video = await media.video('tea.mp4', 4096);
    const state = drive();
    oauth.expireAccessTokens();
    const result = await state.run(createDouyinChannel(config), post(video));
    expect(state.forced).toBe(1);
    expect(result.remoteId).toBe(douyin.items[0]!.id);
  });

  it('says an approved enterprise app is needed when the posting scope is refused', async () => {
    await start(['user_info']);
    const video = await media.video('tea.mp4', 4096);
    const error = await drive().run(createDouyinChannel(config), post(video)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelError);
    expect((error as ChannelError).message).toMatch(/video\.create\.bind.*approved website app of an enterprise/);
    expect((error as ChannelError).options).toMatchObject({ retryable: false, auth: true });
    expect(douyin.items).toHaveLength(0);
  });

  it('fails with the reason when the review does not let the video be public', async () => {
    await start(undefined, { reviewOutcome: 2 });
    const video = await media.video('tea.mp4', 4096);
    const error = await drive().run(createDouyinChannel(config), post(video)).catch((caught: unknown) => caught);
    expect((error as ChannelError).message).toContain('不适宜公开');
    expect(douyin.items).toHaveLength(1);
  });
});
