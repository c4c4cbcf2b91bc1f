import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannel } from '../../src/publish/create-channel.ts';
import { signFeishu } from '../../src/publish/feishu-channel.ts';
import { startFakeServer, type FakeServer } from '../helpers/fake-channel-servers.ts';
import { channelErrorOf, makeContext, makeMediaFolder, makePost, type MediaFolder } from './publish-test-helpers.ts';

let media: MediaFolder;
let server: FakeServer;
beforeEach(async () => { media = await makeMediaFolder(); });
afterEach(async () => {
  await server?.close();
});

describe('signFeishu', () => {
  it('is base64(HMAC-SHA256(key = timestamp + "\\n" + secret, message = ""))', () => {
    // Reference value computed independently: printf '' | openssl dgst -sha256 -hmac $'1599360473\ndemo' -binary | base64
    expect(signFeishu('demo', 1599360473)).toBe('l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=');
  });
});

describe('Feishu channel', () => {
  it('sends a text message without timestamp/sign when there is no secret', async () => {
    server = await startFakeServer('feishu');
    const result = await createChannel(server.config()).send(makePost(), makeContext());
    expect(server.deliveries.map((d) => d.text)).toEqual([makePost().text]);
    expect(server.deliveries[0]?.body).toEqual({ msg_type: 'text', content: { text: makePost().text } });
    expect(result.detail).toBe('posted text');
  });

  it('signs with the secret; the server verifies timestamp and sign', async () => {
    server = await startFakeServer('feishu', { secret: 'feishu-secret' });
    await createChannel(server.config()).send(makePost(), makeContext());
    expect(server.rejections).toEqual([]);
    const body = server.deliveries[0]?.body as { timestamp: string; sign: string };
    expect(Math.abs(Number(body.timestamp) - Date.now() / 1000)).toBeLessThan(5);
  });

  it('a wrong secret is refused by the server (19021) and reported as auth, naming secret and clock', async () => {
    server = await startFakeServer('feishu', { secret: 'feishu-secret' });
    const error = await channelErrorOf(createChannel(server.config({ secret: 'other' })).send(makePost(), makeContext()));
    expect(server.rejections[0]?.reason).toMatch(/^19021/);
    expect(error.options).toEqual({ retryable: false, auth: true });
    expect(error.message).toMatch(/FEISHU secret.*clock/);
  });

  it('accepts a clock 30 min off and refuses one 2 h off (the service allows 1 h)', async () => {
    server = await startFakeServer('feishu', { secret: 's' });
    const channel = createChannel(server.config());
    await channel.send(makePost(), makeContext({ now: () => new Date(Date.now() + 30 * 60_000) }));
    expect(server.deliveries).toHaveLength(1);
    const error = await channelErrorOf(channel.send(makePost(), makeContext({ now: () => new Date(Date.now() - 2 * 3600_000) })));
    expect(error.options.auth).toBe(true);
    expect(server.deliveries).toHaveLength(1);
  });

  it('reports a wrong hook token (19001) as auth', async () => {
    server = await startFakeServer('feishu');
    const error = await channelErrorOf(createChannel(server.config({ url: server.url.replace(/hook\/.*$/, 'hook/not-the-token') })).send(makePost(), makeContext()));
    expect(error.options.auth).toBe(true);
    expect(error.message).toMatch(/code 19001/);
  });

  it('retries both rate-limit codes: 9499 and 11232', async () => {
    for (const rateLimitCode of [9499, 11232] as const) {
      server = await startFakeServer('feishu', { rateLimitCode });
      server.script(['429']);
      const error = await channelErrorOf(createChannel(server.config()).send(makePost(), makeContext()));
      expect(error.options.retryable).toBe(true);
      expect(error.message).toContain(`code ${rateLimitCode}`);
      await server.close();
    }
  });

  it('sends only the text of a post with a video (custom bots take no files), and says so', async () => {
    server = await startFakeServer('feishu');
    const post = makePost({ video: await media.video(), cover: await media.cover() });
    const result = await createChannel(server.config()).send(post, makeContext());
    expect(server.deliveries.map((d) => d.text)).toEqual([post.text]);
    expect(result.detail).toBe('posted text; video and cover not sent (Feishu custom bots take no files)');
  });

  it('counts UTF-8 bytes, and refuses a body over 20 KB before sending', async () => {
    server = await startFakeServer('feishu');
    const channel = createChannel(server.config());
    expect(channel.limitUnit).toBe('bytes');
    expect(channel.textLimit).toBeLessThan(20 * 1024);
    const error = await channelErrorOf(channel.send(makePost({ text: '播'.repeat(7000) }), makeContext()));
    expect(error.options.retryable).toBe(false);
    expect(error.message).toMatch(/over Feishu's 20480-byte limit/);
    expect(server.requests).toBe(0);
  });
});
