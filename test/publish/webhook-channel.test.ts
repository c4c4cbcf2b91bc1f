import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannel } from '../../src/publish/create-channel.ts';
import { signStandardWebhook } from '../../src/publish/webhook-channel.ts';
import { startFakeServer, type FakeServer } from '../helpers/fake-channel-servers.ts';
import { channelErrorOf, makeContext, makeMediaFolder, makePost, type MediaFolder } from './publish-test-helpers.ts';

// The example secret from the Standard Webhooks specification's test vectors.
const SPEC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

let media: MediaFolder;
let server: FakeServer;
beforeEach(async () => { media = await makeMediaFolder(); });
afterEach(async () => {
  await server?.close();
});

describe('signStandardWebhook', () => {
  it('matches the Standard Webhooks reference vector', () => {
    // From the spec's reference libraries' tests (msg_p5jXN8AQM9LWM0D4loKWxJek, 1614265330, {"test": 2432232314}).
    expect(signStandardWebhook(SPEC_SECRET, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}'))
      .toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });
});

describe('webhook channel', () => {
  it('posts the JSON payload, signed, with the key as webhook-id; the receiver verifies it', async () => {
    server = await startFakeServer('webhook', { secret: SPEC_SECRET });
    const video = await media.video();
    const cover = await media.cover();
    const post = makePost({ key: 'k-1', video, cover, subject: 'sku42' });
    const channel = createChannel(server.config());
    expect(channel.idempotent).toBe(true);
    const result = await channel.send(post, makeContext());
    expect(result.detail).toBe('HTTP 204');
    expect(server.rejections).toEqual([]);
    expect(server.deliveries).toHaveLength(1);
    const delivery = server.deliveries[0]!;
    expect(delivery.id).toBe('k-1');
    const sha = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');
    expect(delivery.body).toEqual({
      type: 'promo.post',
      id: 'k-1',
      text: post.text,
      due: '2026-05-01T11:00:00.000Z',
      stream: { title: 'Tea night', start: '2026-05-01T12:00:00.000Z', url: 'https://live.example.com/tea' },
      subject: 'sku42',
      video: { file: 'tea-sku42.mp4', bytes: 4096, sha256: await sha(video) },
      cover: { file: 'tea-sku42.jpg', bytes: 1024, sha256: await sha(cover) },
    });
  });

  it('sends null files and fields when the post has none', async () => {
    server = await startFakeServer('webhook', { secret: 'plain secret' });
    await createChannel(server.config()).send(makePost({ stream: { title: 'T' } }), makeContext());
    expect(server.deliveries[0]?.body).toMatchObject({ video: null, cover: null, subject: null, stream: { title: 'T', start: null, url: null } });
  });

  it('keeps the same webhook-id on a retry, so the receiver can drop the duplicate', async () => {
    server = await startFakeServer('webhook', { secret: SPEC_SECRET });
    server.script(['drop', 'ok']);
    const channel = createChannel(server.config());
    const first = await channelErrorOf(channel.send(makePost({ key: 'same-key' }), makeContext()));
    expect(first.options).toMatchObject({ retryable: true, maybeDelivered: true });
    await channel.send(makePost({ key: 'same-key' }), makeContext());
    expect(server.deliveries.map((d) => [d.id, d.answered])).toEqual([['same-key', false], ['same-key', true]]);
  });

  it('is refused by the receiver, as auth, when signed with the wrong secret', async () => {
    server = await startFakeServer('webhook', { secret: SPEC_SECRET });
    const error = await channelErrorOf(createChannel(server.config({ secret: 'whsec_d3Jvbmcgc2VjcmV0' })).send(makePost(), makeContext()));
    expect(server.rejections.map((r) => r.reason)).toEqual(['401 No matching signature found']);
    expect(error.options).toEqual({ retryable: false, auth: true });
    expect(server.deliveries).toEqual([]);
  });

  it('treats a plain secret as its UTF-8 bytes, not as base64', async () => {
    server = await startFakeServer('webhook', { secret: 'c2VjcmV0' });
    await createChannel(server.config()).send(makePost(), makeContext());
    expect(server.deliveries).toHaveLength(1);
    // The same string with the whsec_ prefix is a different key.
    const error = await channelErrorOf(createChannel(server.config({ secret: 'whsec_c2VjcmV0' })).send(makePost(), makeContext()));
    expect(error.options.auth).toBe(true);
  });

  it('stamps webhook-timestamp from context.now (a clock 2 h off is refused)', async () => {
    server = await startFakeServer('webhook', { secret: SPEC_SECRET });
    const skewed = makeContext({ now: () => new Date(Date.now() - 2 * 3600_000) });
    const error = await channelErrorOf(createChannel(server.config()).send(makePost(), skewed));
    expect(server.rejections[0]?.reason).toMatch(/timestamp too old/);
    expect(error.options.auth).toBe(true);
    expect(error.message).toMatch(/clock/);
  });

  it('reads Retry-After given as an HTTP date', async () => {
    server = await startFakeServer('webhook', { secret: SPEC_SECRET, retryAfter: 30, retryAfterAsDate: true });
    server.script(['429']);
    const error = await channelErrorOf(createChannel(server.config()).send(makePost(), makeContext()));
    expect(error.options.retryable).toBe(true);
    expect(error.options.retryAfter).toBeGreaterThanOrEqual(29);
    expect(error.options.retryAfter).toBeLessThanOrEqual(31);
  });
});
