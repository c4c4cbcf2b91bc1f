import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannel } from '../../src/publish/create-channel.ts';
import { startFakeServer, type FakeServer } from '../helpers/fake-channel-servers.ts';
import { channelErrorOf, makeContext, makeMediaFolder, makePost, type MediaFolder } from './publish-test-helpers.ts';

let media: MediaFolder;
let server: FakeServer;
beforeEach(async () => { media = await makeMediaFolder(); });
afterEach(async () => {
  await server?.close();
});

describe('Discord channel', () => {
  it('sends text as JSON with wait=true and reads the created message id', async () => {
    server = await startFakeServer('discord');
    const result = await createChannel(server.config()).send(makePost(), makeContext());
    expect(server.deliveries.map((d) => [d.kind, d.text])).toEqual([['text', makePost().text]]);
    expect(result.detail).toBe('posted text, message 1200000000000000000');
  });

  it('attaches a video as files[0] with payload_json', async () => {
    server = await startFakeServer('discord');
    const post = makePost({ video: await media.video(), cover: await media.cover() });
    const result = await createChannel(server.config()).send(post, makeContext());
    expect(server.rejections).toEqual([]);
    const delivery = server.deliveries[0]!;
    expect(delivery.kind).toBe('video');
    expect(delivery.file).toMatchObject({ name: 'tea-sku42.mp4', bytes: 4096 });
    expect(delivery.body).toEqual({ content: post.text, attachments: [{ id: 0, filename: 'tea-sku42.mp4' }] });
    expect(result.detail).toMatch(/^posted text with video tea-sku42\.mp4, message \d+$/);
  });

  it('names a video over 8 MB in the text and attaches the cover instead', async () => {
    server = await startFakeServer('discord');
    const post = makePost({ video: await media.sparse('stream.mp4', 9_000_000), cover: await media.cover() });
    const result = await createChannel(server.config()).send(post, makeContext());
    const delivery = server.deliveries[0]!;
    expect(delivery.kind).toBe('image');
    expect(delivery.file?.name).toBe('tea-sku42.jpg');
    expect(delivery.text).toBe(`${post.text}\n\n(video stream.mp4, 9.0 MB, not attached: over the 8.0 MB Discord webhooks accept)`);
    expect(result.detail).toMatch(/with cover tea-sku42\.jpg.*; video not attached \(9\.0 MB/);
  });

  it('sends the note alone as JSON when there is no cover', async () => {
    server = await startFakeServer('discord');
    const post = makePost({ video: await media.sparse('stream.mp4', 9_000_000) });
    await createChannel(server.config()).send(post, makeContext());
    expect(server.deliveries[0]?.kind).toBe('text');
    expect(server.deliveries[0]?.text).toMatch(/\(video stream\.mp4, 9\.0 MB, not attached/);
  });

  it('reports an attachment the service finds too large (413) as final', async () => {
    server = await startFakeServer('discord', { maxUploadBytes: 1000 });
    const error = await channelErrorOf(createChannel(server.config()).send(makePost({ video: await media.video('v.mp4', 2000) }), makeContext()));
    expect(error.options).toEqual({ retryable: false });
    expect(error.message).toMatch(/HTTP 413: Request entity too large \(code 40005\)/);
  });

  it('takes the float retry_after of a 429', async () => {
    server = await startFakeServer('discord', { retryAfter: 2.25 });
    server.script(['429']);
    const error = await channelErrorOf(createChannel(server.config()).send(makePost(), makeContext()));
    expect(error.options).toEqual({ retryable: true, retryAfter: 2.25 });
  });

  it('reports an unknown webhook (404) and a wrong token (401) as auth', async () => {
    server = await startFakeServer('discord');
    const unknown = await channelErrorOf(createChannel(server.config({ url: server.url.replace(server.options.webhookId, '1') })).send(makePost(), makeContext()));
    expect(unknown.options).toEqual({ retryable: false, auth: true });
    expect(unknown.message).toMatch(/Unknown Webhook/);
    const wrongToken = await channelErrorOf(createChannel(server.config({ url: server.url.replace(/[^/]+$/, 'wrong-token') })).send(makePost(), makeContext()));
    expect(wrongToken.options).toEqual({ retryable: false, auth: true });
    expect(wrongToken.message).toMatch(/Invalid Webhook Token/);
  });

  it('counts 2000 characters; the service refuses more', async () => {
    server = await startFakeServer('discord');
    const channel = createChannel(server.config());
    expect([channel.textLimit, channel.limitUnit]).toEqual([2000, 'chars']);
    const error = await channelErrorOf(channel.send(makePost({ text: 'y'.repeat(2001) }), makeContext()));
    expect(error.message).toMatch(/Invalid Form Body/);
    expect(error.options.retryable).toBe(false);
  });
});
