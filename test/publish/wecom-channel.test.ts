import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannel } from '../../src/publish/create-channel.ts';
import { uploadUrlFor } from '../../src/publish/wecom-channel.ts';
import { startFakeServer, type FakeServer } from '../helpers/fake-channel-servers.ts';
import { channelErrorOf, makeContext, makeMediaFolder, makePost, type MediaFolder } from './publish-test-helpers.ts';

let media: MediaFolder;
let server: FakeServer;
beforeEach(async () => { media = await makeMediaFolder(); });
afterEach(async () => {
  await server?.close();
});

describe('uploadUrlFor', () => {
  it('keeps origin and key, swaps the path, adds type=file', () => {
    expect(uploadUrlFor(new URL('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K-1')).href)
      .toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/upload_media?key=K-1&type=file');
    expect(uploadUrlFor(new URL('https://proxy.example.com/wecom/cgi-bin/webhook/send?key=K&debug=1')).href)
      .toBe('https://proxy.example.com/wecom/cgi-bin/webhook/upload_media?key=K&type=file');
  });
});

describe('WeCom channel', () => {
  it('sends a text message', async () => {
    server = await startFakeServer('wecom');
    const result = await createChannel(server.config()).send(makePost(), makeContext());
    expect(server.deliveries.map((d) => [d.kind, d.text])).toEqual([['text', makePost().text]]);
    expect(result.detail).toBe('posted text');
  });

  it('uploads the video first, then posts text, cover image and file; the server checks media_id and md5', async () => {
    server = await startFakeServer('wecom');
    const post = makePost({ video: await media.video('新品 龙井.mp4'), cover: await media.cover() });
    const result = await createChannel(server.config()).send(post, makeContext());
    expect(server.rejections).toEqual([]);
    expect(server.uploads).toEqual([expect.objectContaining({ name: '新品 龙井.mp4', bytes: 4096 })]);
    expect(server.deliveries.map((d) => d.kind)).toEqual(['text', 'image', 'file']);
    expect(server.deliveries[2]?.file?.name).toBe('新品 龙井.mp4');
    expect(result.detail).toBe('posted text, cover image, video file 新品 龙井.mp4');
  });

  it('counts the text limit in UTF-8 bytes: 700 Chinese characters (2100 bytes) are over 2048', async () => {
    server = await startFakeServer('wecom');
    const channel = createChannel(server.config());
    const text = '直'.repeat(700);
    expect(channel.limitUnit).toBe('bytes');
    expect(channel.textLimit).toBe(2048);
    expect(Buffer.byteLength(text)).toBe(2100);
    expect(Buffer.byteLength(text)).toBeGreaterThan(channel.textLimit);
    // The scheduler checks first; sent anyway, the service refuses it for good.
    const error = await channelErrorOf(channel.send(makePost({ text }), makeContext()));
    expect(server.rejections[0]?.reason).toBe('40058 content exceed max length');
    expect(error.options.retryable).toBe(false);
  });

  it('posts nothing when the upload is refused', async () => {
    server = await startFakeServer('wecom', { maxUploadBytes: 1000 });
    const error = await channelErrorOf(createChannel(server.config()).send(makePost({ video: await media.video('big.mp4', 2000) }), makeContext()));
    expect(error.message).toMatch(/errcode 40006/);
    expect(error.options.retryable).toBe(false);
    expect(server.deliveries).toEqual([]);
  });

  it('does not call a timed-out upload "maybe delivered": an upload posts nothing', async () => {
    server = await startFakeServer('wecom');
    server.script(['hang']);
    const error = await channelErrorOf(createChannel(server.config()).send(makePost({ video: await media.video() }), makeContext({ timeoutMs: 300 })));
    expect(error.options.retryable).toBe(true);
    expect(error.options.maybeDelivered).toBeFalsy();
    expect(server.deliveries).toEqual([]);
  });

  it('reports a failure after the text went out as partial, not retryable', async () => {
    server = await startFakeServer('wecom');
    server.script(['ok', 'ok', '429']); // upload, text, file message
    const error = await channelErrorOf(createChannel(server.config()).send(makePost({ video: await media.video() }), makeContext()));
    expect(error.options).toEqual({ retryable: false, maybeDelivered: true, partial: true });
    expect(error.message).toMatch(/posted text, but not the video file tea-sku42\.mp4 \(rate limited/);
    expect(server.deliveries.map((d) => d.kind)).toEqual(['text']);
  });

  it('still posts the video file when only the cover image fails', async () => {
    server = await startFakeServer('wecom', { maxImageBytes: 500 });
    const error = await channelErrorOf(createChannel(server.config()).send(makePost({ video: await media.video(), cover: await media.cover() }), makeContext()));
    expect(error.options.partial).toBe(true);
    expect(error.message).toMatch(/posted text, video file tea-sku42\.mp4, but not the cover image \(errcode 40009/);
    expect(server.deliveries.map((d) => d.kind)).toEqual(['text', 'file']);
  });

  it('names a video over 20 MB in the text instead of uploading it, and skips a cover over 2 MB', async () => {
    server = await startFakeServer('wecom');
    const post = makePost({ video: await media.sparse('long.mp4', 21_000_000), cover: await media.sparse('huge.jpg', 2_100_000) });
    const result = await createChannel(server.config()).send(post, makeContext());
    expect(server.uploads).toEqual([]);
    expect(server.deliveries.map((d) => d.kind)).toEqual(['text']);
    expect(server.deliveries[0]?.text).toBe(`${post.text}\n\n(video long.mp4, 21.0 MB, not attached: over WeCom's 20.0 MB file limit)`);
    expect(result.detail).toMatch(/video not attached .*cover not attached/);
  });

  it('classifies the service answers: 93000 auth, 45009 rate limit (60 s), -1 busy', async () => {
    server = await startFakeServer('wecom');
    const wrongKey = await channelErrorOf(createChannel(server.config({ url: server.url.replace(/key=[^&]+/, 'key=wrong') })).send(makePost(), makeContext()));
    expect(wrongKey.options).toEqual({ retryable: false, auth: true });
    expect(wrongKey.message).toMatch(/errcode 93000/);
    server.script(['429', 'busy']);
    const limited = await channelErrorOf(createChannel(server.config()).send(makePost(), makeContext()));
    expect(limited.options).toEqual({ retryable: true, retryAfter: 60 });
    const busy = await channelErrorOf(createChannel(server.config()).send(makePost(), makeContext()));
    expect(busy.options).toEqual({ retryable: true });
  });

  it('refuses a url without key= as a configuration error, without sending', async () => {
    server = await startFakeServer('wecom');
    const error = await channelErrorOf(createChannel(server.config({ url: server.url.replace(/\?.*$/, '') })).send(makePost(), makeContext()));
    expect(error.options.auth).toBe(true);
    expect(server.requests).toBe(0);
  });
});
