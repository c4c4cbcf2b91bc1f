import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannel } from '../../src/publish/create-channel.ts';
import { startFakeServer, type FakeServer } from '../helpers/fake-channel-servers.ts';
import { CANARY, channelErrorOf, makeContext, makeMediaFolder, makePost, type MediaFolder } from './publish-test-helpers.ts';

let media: MediaFolder;
let server: FakeServer;
beforeEach(async () => { media = await makeMediaFolder(); });
afterEach(async () => {
  await server?.close();
});

const TOKEN = `123456789:${CANARY}-AAHfiqksKZ8`;

describe('Telegram channel', () => {
  it('sends text with sendMessage when there is no video', async () => {
    server = await startFakeServer('telegram', { token: TOKEN });
    const result = await createChannel(server.config()).send(makePost(), makeContext());
    expect(server.deliveries.map((d) => [d.kind, d.text])).toEqual([['text', makePost().text]]);
    expect(server.deliveries[0]?.body).toEqual({ chat_id: server.options.chat, text: makePost().text });
    expect(result.detail).toBe('posted text, message 100');
  });

  it('sends the video with sendVideo (multipart), the text as caption', async () => {
    server = await startFakeServer('telegram', { token: TOKEN });
    const post = makePost({ video: await media.video(), cover: await media.cover() });
    const result = await createChannel(server.config()).send(post, makeContext());
    expect(server.rejections).toEqual([]);
    const delivery = server.deliveries[0]!;
    expect(delivery.kind).toBe('video');
    expect(delivery.text).toBe(post.text);
    expect(delivery.file).toMatchObject({ name: 'tea-sku42.mp4', bytes: 4096 });
    expect(delivery.body).toMatchObject({ chat_id: server.options.chat, supports_streaming: 'true', video: 'tea-sku42.mp4' });
    expect(result.detail).toBe('posted video tea-sku42.mp4 with caption, message 100');
  });

  it('exposes the caption limit: 1024 characters', async () => {
    server = await startFakeServer('telegram', { token: TOKEN });
    const channel = createChannel(server.config());
    expect([channel.textLimit, channel.limitUnit]).toEqual([1024, 'chars']);
    // Over it, the service refuses the caption for good.
    const error = await channelErrorOf(channel.send(makePost({ text: 'x'.repeat(1025), video: await media.video() }), makeContext()));
    expect(error.message).toMatch(/caption is too long/);
    expect(error.options.retryable).toBe(false);
  });

  it('sends a video over 50 MB as a text message that names it', async () => {
    server = await startFakeServer('telegram', { token: TOKEN });
    const post = makePost({ video: await media.sparse('full-stream.mp4', 51_000_000) });
    const result = await createChannel(server.config()).send(post, makeContext());
    expect(server.deliveries.map((d) => d.kind)).toEqual(['text']);
    expect(server.deliveries[0]?.text).toBe(`${post.text}\n\n(video full-stream.mp4, 51.0 MB, not attached: over Telegram's 50.0 MB upload limit)`);
    expect(result.detail).toMatch(/video not attached \(51\.0 MB/);
  });

  it('reports an upload the service finds too large (413) as final', async () => {
    server = await startFakeServer('telegram', { token: TOKEN, maxUploadBytes: 1000 });
    const error = await channelErrorOf(createChannel(server.config()).send(makePost({ video: await media.video('v.mp4', 2000) }), makeContext()));
    expect(error.options).toEqual({ retryable: false });
    expect(error.message).toMatch(/HTTP 413: Request Entity Too Large/);
  });

  it('reports a wrong token (401) as auth without showing the token', async () => {
    server = await startFakeServer('telegram', { token: TOKEN });
    const error = await channelErrorOf(createChannel(server.config({ token: `987:${CANARY}-wrong` })).send(makePost(), makeContext()));
    expect(error.options).toEqual({ retryable: false, auth: true });
    expect(error.message).toMatch(/Unauthorized; check the bot token/);
    expect(error.message).not.toContain(CANARY);
  });

  it('reports an unknown chat as final, naming the chat setting', async () => {
    server = await startFakeServer('telegram', { token: TOKEN });
    const error = await channelErrorOf(createChannel(server.config({ chat: '-100999' })).send(makePost(), makeContext()));
    expect(error.options).toEqual({ retryable: false });
    expect(error.message).toMatch(/chat not found: check chat \(-100999\)/);
  });

  it('takes retry_after from the 429 answer', async () => {
    server = await startFakeServer('telegram', { token: TOKEN, retryAfter: 13 });
    server.script(['429']);
    const error = await channelErrorOf(createChannel(server.config()).send(makePost(), makeContext()));
    expect(error.options).toEqual({ retryable: true, retryAfter: 13 });
  });

  it('accepts an api base with a trailing slash', async () => {
    server = await startFakeServer('telegram', { token: TOKEN });
    await createChannel(server.config({ api: `${server.url}/` })).send(makePost(), makeContext());
    expect(server.deliveries).toHaveLength(1);
  });
});
