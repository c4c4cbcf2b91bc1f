import { afterEach, describe, expect, it } from 'vitest';
import { createChannel } from '../../src/publish/create-channel.ts';
import { signDingtalk } from '../../src/publish/dingtalk-channel.ts';
import { startFakeServer, type FakeServer } from '../helpers/fake-channel-servers.ts';
import { channelErrorOf, makeContext, makePost } from './publish-test-helpers.ts';

let server: FakeServer;
afterEach(async () => { await server?.close(); });

const SECRET = 'SECb5d1f0a7c0e44f5d9a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0';

describe('signDingtalk', () => {
  it('is base64(HMAC-SHA256(key = secret, message = timestamp + "\\n" + secret))', () => {
    // printf '1599360473000\nSECdemo' | openssl dgst -sha256 -hmac SECdemo -binary | base64
    expect(signDingtalk('SECdemo', 1599360473000)).toBe('tGWkA5eQOQNCNPDgphtxIoNLO+/gD8Lcb705KQoRzeY=');
  });
});

describe('DingTalk channel', () => {
  it('sends a text message', async () => {
    server = await startFakeServer('dingtalk');
    const result = await createChannel(server.config()).send(makePost(), makeContext());
    expect(server.deliveries[0]?.body).toEqual({ msgtype: 'text', text: { content: makePost().text } });
    expect(result.detail).toBe('posted text');
  });

  it('adds timestamp and a URL-encoded sign the server verifies, even when the sign has + and /', async () => {
    server = await startFakeServer('dingtalk', { secret: SECRET });
    // Find a current timestamp whose signature has '+' (a raw '+' in a query string reads as a space).
    let at = Date.now();
    while (!signDingtalk(SECRET, at).includes('+')) at += 1;
    await createChannel(server.config()).send(makePost(), makeContext({ now: () => new Date(at) }));
    expect(server.rejections).toEqual([]);
    expect(server.deliveries).toHaveLength(1);
  });

  it('a wrong secret is refused by the server (310000) and reported as auth', async () => {
    server = await startFakeServer('dingtalk', { secret: SECRET });
    const error = await channelErrorOf(createChannel(server.config({ secret: 'SECwrong' })).send(makePost(), makeContext()));
    expect(server.rejections[0]?.reason).toMatch(/^310000 sign not match/);
    expect(error.options).toEqual({ retryable: false, auth: true });
    expect(error.message).toMatch(/DINGTALK secret/);
  });

  it('a clock 2 h off is refused (the service allows 1 h)', async () => {
    server = await startFakeServer('dingtalk', { secret: SECRET });
    const error = await channelErrorOf(createChannel(server.config()).send(makePost(), makeContext({ now: () => new Date(Date.now() + 2 * 3600_000) })));
    expect(server.rejections[0]?.reason).toBe('310000 invalid timestamp');
    expect(error.options.auth).toBe(true);
  });

  it('reports an unknown access_token (300001) as auth', async () => {
    server = await startFakeServer('dingtalk');
    const error = await channelErrorOf(createChannel(server.config({ url: server.url.replace(/access_token=.*/, 'access_token=nope') })).send(makePost(), makeContext()));
    expect(error.options).toEqual({ retryable: false, auth: true });
  });

  it('waits 10 minutes after 130101 (over 20 messages a minute)', async () => {
    server = await startFakeServer('dingtalk');
    server.script(['429']);
    const error = await channelErrorOf(createChannel(server.config()).send(makePost(), makeContext()));
    expect(error.options).toEqual({ retryable: true, retryAfter: 600 });
  });

  it('counts UTF-8 bytes', async () => {
    server = await startFakeServer('dingtalk');
    const channel = createChannel(server.config());
    expect(channel.limitUnit).toBe('bytes');
    expect(channel.idempotent).toBe(false);
  });
});
