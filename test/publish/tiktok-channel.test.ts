// The TikTok driver against the loopback fake: a full Direct Post (creator_info → init →
// chunks → several status polls), what is checkpointed before the first byte, the account's
// privacy options, TikTok's refusals (spam risk, rate limit, unaudited app), a 401 answered with a
// refreshed token, a dropped connection mid-upload and an expired upload URL (one video each).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMp4Movie } from '../../src/media/read-mp4-movie.ts';
import { makeVideo } from '../helpers/fixtures.ts';
import { startFakeTiktok, type FakeTiktok, type FakeTiktokOptions } from '../helpers/fake-tiktok-server.ts';
import { channelErrorOf, makeContext, makeMediaFolder, makePost, type MediaFolder } from './publish-test-helpers.ts';
import { tiktokCaller, tiktokConfig } from './tiktok-test-helpers.ts';

let media: MediaFolder;
const fakes: FakeTiktok[] = [];
beforeEach(async () => { media = await makeMediaFolder(); });
afterEach(async () => { await Promise.all(fakes.splice(0).map((fake) => fake.close())); });

async function fakeTiktok(options: FakeTiktokOptions = {}): Promise<FakeTiktok> {
  const fake = await startFakeTiktok(options);
  fakes.push(fake);
  return fake;
}

const sha256 = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');
const MB = 1_000_000;

describe('TikTok channel', () => {
  it('posts a video in chunks, checkpoints the publish id before the first byte, and polls until published', async () => {
    const fake = await fakeTiktok({ processingPolls: 3 });
    const video = await media.video('tea.mp4', 25 * MB);
    const caller = tiktokCaller(fake, tiktokConfig(fake, { disableDuet: true }));
    const { result, sends } = await caller.sendUntilDone(makePost({ video, text: 'Tonight 8 pm #tea @teashop' }));

    expect(fake.videos).toEqual([expect.objectContaining({ bytes: 25 * MB, sha256: await sha256(video), title: 'Tonight 8 pm #tea @teashop', privacy: 'PUBLIC_TO_EVERYONE' })]);
    expect(fake.calls.init).toBe(1);
    // 25 MB in 10 MB chunks: floor(25/10) = 2, the last one 15 MB.
    const task = [...fake.tasks.values()][0]!;
    expect([task.chunkSize, task.chunkCount, task.parts.map((p) => p.length)]).toEqual([10 * MB, 2, [10 * MB, 15 * MB]]);
    const first = caller.checkpoints[0]!;
    expect(first.uploadsBefore).toBe(0);
    expect(first.progress).toMatchObject({ publishId: task.publishId, uploadedBytes: 0, videoSize: 25 * MB });
    expect(String(first.progress.uploadUrl)).toContain(`upload_id=${task.uploadId}`);
    // One send uploads, then three polls see PROCESSING_UPLOAD before PUBLISH_COMPLETE.
    expect(sends).toBe(5);
    expect(fake.calls.status).toBe(4);
    // The post id is an int64 beyond 2^53: kept exact.
    expect(result).toMatchObject({ remoteId: '7300000000000000001', url: 'https://www.tiktok.com/@teashop/video/7300000000000000001' });
    expect(fake.rejections).toEqual([]);
  });

  it('sends a small SELF_ONLY video whole and records the publish id (TikTok gives private posts no post id)', async () => {
    const fake = await fakeTiktok({ processingPolls: 0 });
    const video = await media.video('small.mp4', 4096);
    const caller = tiktokCaller(fake, tiktokConfig(fake, { privacy: 'SELF_ONLY' }));
    const { result } = await caller.sendUntilDone(makePost({ video }));
    const task = [...fake.tasks.values()][0]!;
    expect([task.chunkSize, task.chunkCount]).toEqual([4096, 1]);
    expect(result.remoteId).toBe(task.publishId);
    expect(result.url).toBeUndefined();
    expect(fake.videos).toHaveLength(1);
  });

  it("refuses a privacy the account does not offer, naming the ones it does, before any upload", async () => {
    const fake = await fakeTiktok({ privacyOptions: ['FOLLOWER_OF_CREATOR', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'] });
    const caller = tiktokCaller(fake, tiktokConfig(fake));
    const error = await channelErrorOf(caller.send(makePost({ video: await media.video() })));
    expect(error.message).toContain('privacy PUBLIC_TO_EVERYONE is not one this TikTok account may use; it offers FOLLOWER_OF_CREATOR, MUTUAL_FOLLOW_FRIENDS, SELF_ONLY: set channels.tiktok-shop.privacy');
    expect(error.options.retryable).toBe(false);
    expect(fake.calls.init).toBe(0);
  });

  it('says that an app before the audit posts SELF_ONLY only', async () => {
    const fake = await fakeTiktok({ audited: false });
    const error = await channelErrorOf(tiktokCaller(fake, tiktokConfig(fake)).send(makePost({ video: await media.video() })));
    expect(error.message).toMatch(/has not passed TikTok's audit, so it may only post with privacy SELF_ONLY to a private account .*set privacy: SELF_ONLY in channels\.tiktok-shop/);
    expect(error.options.retryable).toBe(false);
    expect(fake.videos).toEqual([]);
  });

  it.each([
    ['init', 'spam_risk_too_many_posts', /daily limit of API posts is reached/],
    ['init', 'spam_risk_too_many_pending_share', /at most 5 posts may wait for the user within 24 hours/],
    // creator_info says these with HTTP 200: the pre-flight stops the post before init.
    ['creator_info', 'spam_risk_too_many_posts', /daily limit of API posts is reached/],
  ] as const)('fails at once on %s %s, without asking again', async (endpoint, code, said) => {
    const fake = await fakeTiktok();
    fake.script(endpoint, code);
    const error = await channelErrorOf(tiktokCaller(fake, tiktokConfig(fake)).send(makePost({ video: await media.video() })));
    expect(error.message).toContain(code);
    expect(error.message).toMatch(said);
    expect(error.options.retryable).toBe(false);
    expect(fake.calls[endpoint]).toBe(1);
    expect(fake.calls.init).toBe(endpoint === 'init' ? 1 : 0);
    expect(fake.tasks.size).toBe(0);
  });

  it("waits a minute on rate_limit_exceeded (the 7th init within a minute)", async () => {
    const fake = await fakeTiktok();
    const video = await media.video();
    for (let i = 0; i < 6; i++) expect((await tiktokCaller(fake, tiktokConfig(fake)).send(makePost({ video }))).again).toBeDefined();
    const error = await channelErrorOf(tiktokCaller(fake, tiktokConfig(fake)).send(makePost({ video })));
    expect(error.message).toContain('rate_limit_exceeded');
    expect(error.options).toMatchObject({ retryable: true, retryAfter: 60 });
    expect(fake.calls.init).toBe(7);
    expect(fake.tasks.size).toBe(6);
  });

  it('refuses to send without a caller that saves its progress', async () => {
    const fake = await fakeTiktok();
    const driver = tiktokCaller(fake, tiktokConfig(fake)).driver;
    const error = await channelErrorOf(driver.send(makePost({ video: await media.video() }), makeContext({ accessToken: async () => fake.token })));
    expect(error.message).toContain('needs a caller that saves its progress');
    expect(fake.calls.creator_info).toBe(0);
  });

  it('refreshes the token once after a 401 and goes on', async () => {
    const fake = await fakeTiktok({ processingPolls: 0 });
    const stale = fake.token;
    // TikTok ended the token's life early; the caller's cached one is the old one until forced.
    fake.rotateToken();
    let asked = 0;
    const send = tiktokCaller(fake, tiktokConfig(fake), { token: () => (asked++ === 0 ? stale : fake.token) });
    const { result } = await send.sendUntilDone(makePost({ video: await media.video() }));
    expect(result.remoteId).toBe('7300000000000000001');
    expect(send.forced).toBe(1);
    expect(fake.rejections.map((r) => r.code)).toEqual(['access_token_invalid']);
    expect(fake.videos).toHaveLength(1);
  });

  it('fails with the reconnect hint when the refreshed token is refused too', async () => {
    const fake = await fakeTiktok();
    const caller = tiktokCaller(fake, tiktokConfig(fake), { token: () => 'act.revoked' });
    const error = await channelErrorOf(caller.send(makePost({ video: await media.video() })));
    expect(error.message).toContain('run `promo accounts connect tiktok-shop`');
    expect(error.options).toMatchObject({ retryable: false, auth: true });
    expect(caller.forced).toBe(1);
    expect(error.message).not.toContain('act.revoked');
  });

  it('resumes after a connection dropped mid-upload: one video, the same bytes, one init', async () => {
    const fake = await fakeTiktok({ processingPolls: 1 });
    const video = await media.video('tea.mp4', 35 * MB);
    fake.script('upload', 'ok', 'drop');
    const caller = tiktokCaller(fake, tiktokConfig(fake));
    const error = await channelErrorOf(caller.send(makePost({ video })));
    expect(error.options.retryable).toBe(true);
    expect(caller.progress).toMatchObject({ uploadedBytes: 10 * MB });
    const { result } = await caller.sendUntilDone(makePost({ video }));
    expect(result.remoteId).toBeDefined();
    expect(fake.calls.init).toBe(1);
    // 3 chunks, the second sent twice.
    expect(fake.calls.upload).toBe(4);
    expect(fake.videos).toEqual([expect.objectContaining({ bytes: 35 * MB, sha256: await sha256(video) })]);
  });

  it("goes on from TikTok's count when a chunk arrived but its answer was lost", async () => {
    const fake = await fakeTiktok({ processingPolls: 0 });
    const video = await media.video('tea.mp4', 25 * MB);
    fake.script('upload', 'drop-after');
    const caller = tiktokCaller(fake, tiktokConfig(fake));
    await channelErrorOf(caller.send(makePost({ video })));
    expect(caller.progress).toMatchObject({ uploadedBytes: 0 });
    await caller.sendUntilDone(makePost({ video }));
    expect(fake.calls.upload).toBe(2);
    expect(fake.rejections).toEqual([]);
    expect(fake.videos).toEqual([expect.objectContaining({ sha256: await sha256(video) })]);
  });

  it("realigns on TikTok's 416 when a chunk's answer was lost and status/fetch gives no byte count", async () => {
    const fake = await fakeTiktok({ processingPolls: 0, reportsUploadedBytes: false });
    const video = await media.video('tea.mp4', 35 * MB);
    fake.script('upload', 'drop-after');
    const caller = tiktokCaller(fake, tiktokConfig(fake));
    await channelErrorOf(caller.send(makePost({ video })));
    await caller.sendUntilDone(makePost({ video }));
    // Chunk 1 twice (the second refused with 416 and TikTok's count), then chunks 2 and 3.
    expect(fake.rejections.map((r) => r.status)).toEqual([416]);
    expect(fake.calls.upload).toBe(4);
    expect(fake.videos).toEqual([expect.objectContaining({ bytes: 35 * MB, sha256: await sha256(video) })]);
  });

  it('starts a new upload when the upload URL expired before all chunks were sent (still one video)', async () => {
    let clock = Date.parse('2026-05-01T10:00:00Z');
    const fake = await fakeTiktok({ now: () => clock, processingPolls: 0 });
    const video = await media.video('tea.mp4', 25 * MB);
    fake.script('upload', 'ok', 'drop');
    const caller = tiktokCaller(fake, tiktokConfig(fake));
    await channelErrorOf(caller.send(makePost({ video })));
    const first = String(caller.progress.publishId);
    // TikTok's clock says the hour is over; the driver's (ahead of the margin) does not yet: TikTok's 403 decides.
    clock += 3601_000;
    await caller.sendUntilDone(makePost({ video }));
    expect(fake.rejections.map((r) => r.status)).toEqual([403]);
    expect(fake.calls.init).toBe(2);
    expect(caller.progress).toMatchObject({ replaced: first });
    expect(fake.videos).toEqual([expect.objectContaining({ bytes: 25 * MB, sha256: await sha256(video) })]);
  });

  it('reports fail_reason when TikTok does not publish', async () => {
    const fake = await fakeTiktok({ processingPolls: 1, failReason: 'duration_check_failed' });
    const caller = tiktokCaller(fake, tiktokConfig(fake));
    const error = await channelErrorOf(caller.sendUntilDone(makePost({ video: await media.video() })));
    expect(error.message).toContain("TikTok did not publish the video (fail_reason duration_check_failed): the video does not meet TikTok's requirements");
    expect(error.options.retryable).toBe(false);
    // The failed upload's progress is gone: a person's retry makes a new upload, not the same answer again.
    expect(caller.progress).toEqual({});
    await channelErrorOf(caller.sendUntilDone(makePost({ video: await media.video() })));
    expect(fake.calls.init).toBe(2);
  });
});

describe("TikTok channel and the creator's longest video", () => {
  it('refuses a video longer than max_video_post_duration_sec before init, and posts one within it', async () => {
    const video = await makeVideo({ duration: 4, audio: 'none', name: 'tiktok-4s.mp4' });
    expect((await readMp4Movie(video))?.duration).toBeCloseTo(4, 1);
    const short = await fakeTiktok({ maxVideoSeconds: 3 });
    const error = await channelErrorOf(tiktokCaller(short, tiktokConfig(short)).send(makePost({ video })));
    expect(error.message).toContain('tiktok-4s.mp4 lasts 4.0 s; this TikTok account may post at most 3 s');
    expect(short.calls.init).toBe(0);
    const long = await fakeTiktok({ maxVideoSeconds: 5, processingPolls: 0 });
    await tiktokCaller(long, tiktokConfig(long)).sendUntilDone(makePost({ video }));
    expect(long.videos).toHaveLength(1);
  });
});
