// The YouTube driver against the loopback fake YouTube: a whole post (resumable upload in
// chunks, private with publishAt when ahead, thumbnail, followed until public and processed),
// interrupted uploads resumed from what the session reports, a 401 refreshed once, and errors
// that steer (quota waits, bad input fails at once saying what to change).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { youtubeKind } from '../../src/channels/youtube-kind.ts';
import { createChannel } from '../../src/publish/create-channel.ts';
import type { SendResult } from '../../src/publish/channel-types.ts';
import { createYoutubeChannel } from '../../src/publish/youtube-channel.ts';
import { startFakeYoutube, type FakeYoutube } from '../helpers/fake-youtube-server.ts';
import { channelErrorOf, makeMediaFolder, makePost, type MediaFolder } from './publish-test-helpers.ts';
import { connectYoutube, type ConnectedYoutube } from './youtube-test-helpers.ts';

const KiB = 1024;
const CHUNK = 256 * KiB;
// 3.4 chunks: three whole 256 KiB chunks and a short last one.
const VIDEO_BYTES = 3 * CHUNK + 100_000;
const DUE = new Date('2026-05-01T11:00:00Z');
const BEFORE = new Date('2026-05-01T09:00:00Z');

let fake: FakeYoutube;
let media: MediaFolder;
let account: ConnectedYoutube;
beforeEach(async () => {
  fake = await startFakeYoutube();
  media = await makeMediaFolder();
  account = await connectYoutube(fake);
});
afterEach(async () => { await fake.close(); });

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const driver = (overrides = {}) => createYoutubeChannel(fake.config(overrides), { chunkBytes: CHUNK, pollSeconds: 30 });
const chunkRanges = () => fake.log.filter((line) => /^PUT .* bytes \d/.test(line)).map((line) => line.replace(/^PUT \S+ /, ''));

async function post(overrides = {}) {
  return makePost({ due: DUE, title: '明前龙井 Tea night', tags: ['tea', 'live shopping'], video: await media.video('tea.mp4', VIDEO_BYTES), cover: await media.cover(), ...overrides });
}

describe('YouTube channel', () => {
  it('uploads ahead as private with publishAt, sets the thumbnail, and at the due time follows it to public and processed', async () => {
    const channel = driver();
    expect([channel.resumable, channel.leadSeconds]).toEqual([true, 7200]);
    const item = await post();
    const first = await channel.send(item, account.context(BEFORE));

    expect(fake.videos).toHaveLength(1);
    const video = fake.videos[0]!;
    expect(video.sha256).toBe(sha256(item.video!));
    expect(video.snippet).toEqual({ title: item.title, description: item.text, tags: ['tea', 'live shopping'], categoryId: '22' });
    expect(video.status).toMatchObject({ privacyStatus: 'private', publishAt: DUE.toISOString(), selfDeclaredMadeForKids: false });
    expect(video.thumbnail).toEqual({ contentType: 'image/jpeg', bytes: 1024 });
    expect(chunkRanges()).toEqual([
      `bytes 0-262143/${VIDEO_BYTES} → 308`, `bytes 262144-524287/${VIDEO_BYTES} → 308`,
      `bytes 524288-786431/${VIDEO_BYTES} → 308`, `bytes 786432-${VIDEO_BYTES - 1}/${VIDEO_BYTES} → 201`,
    ]);
    expect(fake.rejections).toEqual([]);
    expect(first).toMatchObject({ remoteId: video.id, url: `https://www.youtube.com/watch?v=${video.id}`, again: { at: DUE } });
    // The session was saved before its first byte went up.
    expect(account.checkpoints[0]).toMatchObject({ session: expect.stringContaining('upload_id='), bytes: VIDEO_BYTES, publishAt: DUE.toISOString() });
    expect(account.checkpoints[0]).not.toHaveProperty('videoId');

    // At the due time: processing takes two polls, then YouTube has made it public.
    fake.now = () => DUE;
    const results: SendResult[] = [];
    for (let at = DUE; results.length < 5; at = results.at(-1)!.again!.at) {
      results.push(await channel.send(item, account.context(at)));
      if (!results.at(-1)!.again) break;
    }
    expect(results.map((r) => r.again?.reason ?? 'done')).toEqual(['processing (processing)', 'processing (processing)', 'done']);
    expect(results.at(-1)).toMatchObject({ remoteId: video.id, detail: `published video ${video.id} (public, processed), thumbnail set` });
    expect(fake.videos).toHaveLength(1);
  });

  it('uploads at once as the configured privacy when the due time has come (no publishAt)', async () => {
    const item = await post({ cover: undefined });
    const result = await driver({ privacy: 'unlisted', category: '26', madeForKids: true }).send(item, account.context(DUE));
    expect(fake.videos[0]!.status).toEqual({ uploadStatus: 'uploaded', privacyStatus: 'unlisted', selfDeclaredMadeForKids: true });
    expect(fake.videos[0]!.snippet.categoryId).toBe('26');
    expect(result.again?.reason).toBe('processing (processing)');
    expect(driver({ privacy: 'unlisted' }).leadSeconds).toBe(0);
  });

  it('resumes a connection dropped mid-chunk from the Range the session reports: one video, the same bytes', async () => {
    const item = await post();
    // 512 KiB chunks, the first cut 300 000 bytes in: the session keeps one whole 256 KiB unit.
    fake.dropNextChunkAfter = 300_000;
    await createYoutubeChannel(fake.config(), { chunkBytes: 2 * CHUNK }).send(item, account.context(BEFORE));
    expect(fake.log.filter((line) => line.startsWith('PUT'))).toEqual([
      // (the cut request has no answer, so no line)
      `PUT /upload/youtube/v3/videos bytes */${VIDEO_BYTES} → 308`,
      `PUT /upload/youtube/v3/videos bytes 262144-786431/${VIDEO_BYTES} → 308`,
      `PUT /upload/youtube/v3/videos bytes 786432-${VIDEO_BYTES - 1}/${VIDEO_BYTES} → 201`,
    ]);
    expect(fake.videos).toHaveLength(1);
    expect(fake.videos[0]!.sha256).toBe(sha256(item.video!));
    expect(fake.rejections).toEqual([]);
  });

  it('starts again from byte 0 when the status query answers 308 without a Range (nothing stored)', async () => {
    const item = await post();
    fake.dropNextChunkAfter = 100_000;
    await driver().send(item, account.context(BEFORE));
    const ranges = chunkRanges();
    expect(ranges.filter((r) => r.startsWith('bytes 0-262143/'))).toHaveLength(1);
    expect(fake.log.indexOf(`PUT /upload/youtube/v3/videos bytes */${VIDEO_BYTES} → 308`)).toBeGreaterThan(-1);
    // Had the client read a Range into the bare 308, its next chunk would not be contiguous.
    expect(fake.rejections).toEqual([]);
    expect(fake.videos).toHaveLength(1);
    expect(fake.videos[0]!.sha256).toBe(sha256(item.video!));
  });

  it('retries a 503 on a chunk by asking the session what it has', async () => {
    fake.failNext('chunk', { status: 503, reason: 'backendError', message: 'Backend Error' });
    const item = await post();
    await driver().send(item, account.context(BEFORE));
    expect(fake.log.filter((line) => line.endsWith('→ 503'))).toHaveLength(1);
    expect(fake.videos).toHaveLength(1);
    expect(fake.videos[0]!.sha256).toBe(sha256(item.video!));
  });

  it('refreshes an expired access token once after a 401 and goes on', async () => {
    fake.oauth.expireAccessTokens();
    const item = await post();
    await driver().send(item, account.context(BEFORE));
    expect(fake.log[0]).toBe('POST /upload/youtube/v3/videos → 401');
    expect(fake.oauth.tokenCalls).toEqual([{ grant: 'refresh_token', ok: true }]);
    expect(fake.videos).toHaveLength(1);
  });

  it('fails with the reconnect hint when the refreshed token is refused too', async () => {
    fake.oauth.expireAccessTokens();
    fake.oauth.revokeRefreshTokens();
    const error = await channelErrorOf(driver().send(await post(), account.context(BEFORE)));
    expect(error.message).toMatch(/promo accounts connect shorts/);
    expect(error.options.retryable).toBe(false);
    expect(fake.videos).toEqual([]);
  });

  it('waits for the quota to reset on quotaExceeded, without asking again', async () => {
    fake.failNext('start', { status: 403, reason: 'quotaExceeded', message: 'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.' });
    // 09:00 UTC is 02:00 in Los Angeles (PDT): the quota resets in 22 hours.
    const error = await channelErrorOf(driver().send(await post(), account.context(BEFORE)));
    expect(error.options).toEqual({ retryable: true, retryAfter: 22 * 3600 });
    expect(error.message).toBe('YouTube channel "shorts": starting the upload: HTTP 403 quotaExceeded: The request cannot be completed because you have exceeded your quota.; waiting until the daily quota resets (midnight Pacific time)');
    expect(fake.log).toEqual(['POST /upload/youtube/v3/videos → 403']);
  });

  it('passes a rate limit on a chunk back with its Retry-After, not retried on the spot', async () => {
    fake.failNext('chunk', { status: 429, reason: 'rateLimitExceeded', headers: { 'retry-after': '120' } });
    const item = await post();
    const error = await channelErrorOf(driver().send(item, account.context(BEFORE)));
    expect(error.options).toEqual({ retryable: true, retryAfter: 120 });
    expect(chunkRanges()).toHaveLength(1);
    // The next attempt goes on with the saved session: still one session, one video.
    await driver().send(item, account.context(BEFORE));
    expect(fake.sessions.size).toBe(1);
    expect(fake.videos).toHaveLength(1);
  });

  it('starts a new session when the saved one has expired (404): it never made a video', async () => {
    fake.failNext('chunk', { status: 429, reason: 'rateLimitExceeded', headers: { 'retry-after': '60' } });
    const item = await post();
    await channelErrorOf(driver().send(item, account.context(BEFORE)));
    const expired = new URL(account.saved.session as string).searchParams.get('upload_id')!;
    fake.sessions.delete(expired);
    await driver().send(item, account.context(BEFORE));
    expect(fake.log).toContain(`PUT /upload/youtube/v3/videos bytes */${VIDEO_BYTES} → 404`);
    expect(fake.sessions.size).toBe(1);
    expect(fake.videos).toHaveLength(1);
    expect(account.saved.session).not.toContain(expired);
  });

  it('takes the video of a finished session whose answer was lost, even when the file was rendered again since', async () => {
    const item = await post();
    const abort = new AbortController();
    // The last byte makes the video; the answer never comes (the send is stopped meanwhile).
    fake.beforeFinalAnswer = () => {
      abort.abort();
      return new Promise(() => {});
    };
    const stopped = await channelErrorOf(driver().send(item, account.context(BEFORE, { signal: abort.signal })));
    expect(stopped.options.cancelled).toBe(true);
    expect(fake.videos).toHaveLength(1);
    fake.beforeFinalAnswer = undefined;
    await media.video('tea.mp4', VIDEO_BYTES + CHUNK);
    const result = await driver().send(item, account.context(BEFORE));
    expect(result.remoteId).toBe(fake.videos[0]!.id);
    expect(fake.videos).toHaveLength(1);
    expect(fake.sessions.size).toBe(1);
  });

  it('fails bad input at once, saying what to change', async () => {
    const error = await channelErrorOf(driver().send(await post({ title: 'Tea <b>night</b>' }), account.context(BEFORE)));
    expect(error.options).toEqual({ retryable: false });
    expect(error.message).toMatch(/invalidTitle.*change the post's title: 1 to 100 characters, without < or >/);
    expect(fake.sessions.size).toBe(0);
  });

  it('posts the video when the channel may not set custom thumbnails, and says so', async () => {
    fake.forbidThumbnails = true;
    const result = await driver().send(await post(), account.context(BEFORE));
    expect(result.detail).toMatch(/thumbnail not set: forbidden: .*youtube\.com\/verify/);
    expect(fake.videos).toHaveLength(1);
  });

  it('leaves out a cover over 2 MB (thumbnails.set refuses it), saying so', async () => {
    const result = await driver().send(await post({ cover: await media.cover('big.jpg', 2_100_000) }), account.context(BEFORE));
    expect(result.detail).toMatch(/thumbnail not set: the cover is 2\.1 MB, over YouTube's 2\.0 MB/);
    expect(fake.videos[0]!.thumbnail).toBeUndefined();
    expect(fake.log.some((line) => line.includes('thumbnails'))).toBe(false);
  });

  it('fails, naming the compliance audit, when YouTube keeps a scheduled video private', async () => {
    fake.unaudited = true;
    fake.processingPolls = 0;
    const channel = driver();
    const item = await post();
    await channel.send(item, account.context(BEFORE));
    fake.now = () => DUE;
    let result: SendResult | undefined;
    const error = await channelErrorOf((async () => {
      for (let at = DUE; ; at = result!.again!.at) result = await channel.send(item, account.context(at));
    })());
    expect(error.message).toMatch(/keeps video \S+ private past its publishAt: .*compliance audit/);
    expect(error.options).toMatchObject({ retryable: false, partial: true });
    expect(fake.videos).toHaveLength(1);
  });

  it('takes lead as a duration (default 2h) and refuses anything else in config.yaml', () => {
    expect(driver({ lead: '90m' }).leadSeconds).toBe(5400);
    const parsed = youtubeKind.schema.safeParse({ type: 'youtube', ...youtubeKind.example, lead: 'soon' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toContain('a duration such as 2h, 90m or 1h30m');
  });

  it('goes through createChannel with the kind\'s limits, keeping the send result\'s remote id', async () => {
    const channel = createChannel(fake.config());
    expect([channel.textLimit, channel.limitUnit]).toEqual([5000, 'bytes']);
    const result = await channel.send(await post(), account.context(BEFORE));
    expect(result.remoteId).toBe(fake.videos[0]!.id);
  });
});
