// With `posts.mediaUrl` configured, a video a channel cannot attach is linked instead of named.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PromoConfig } from '../../src/config/config-types.ts';
import { createChannel } from '../../src/publish/create-channel.ts';
import { mediaLink } from '../../src/schedule/media-link.ts';
import { startFakeServer, type FakeServer } from '../helpers/fake-channel-servers.ts';
import { makeContext, makeMediaFolder, makePost, type MediaFolder } from './publish-test-helpers.ts';

let media: MediaFolder;
let server: FakeServer;
beforeEach(async () => { media = await makeMediaFolder(); });
afterEach(async () => {
  await server?.close();
});

const URL_OF_VIDEO = 'https://cdn.example.com/promo/TEA-001/douyin.mp4';

describe('video links', () => {
  it('builds the link from the output folder and mediaUrl, encoding each path segment', () => {
    const config = { out: '/srv/out', posts: { mediaUrl: 'https://cdn.example.com/promo' } } as PromoConfig;
    expect(mediaLink(config, '/srv/out/TEA-001/douyin.mp4')).toBe(URL_OF_VIDEO);
    expect(mediaLink(config, '/srv/out/茶 001/square.mp4')).toBe('https://cdn.example.com/promo/%E8%8C%B6%20001/square.mp4');
    expect(mediaLink(config, '/elsewhere/x.mp4')).toBeUndefined();
    expect(mediaLink({ ...config, posts: { ...config.posts, mediaUrl: undefined } } as PromoConfig, '/srv/out/TEA-001/douyin.mp4')).toBeUndefined();
  });

  it('links a video too large for Discord instead of only naming it', async () => {
    server = await startFakeServer('discord', { maxUploadBytes: 1000 });
    const video = await media.sparse('douyin.mp4', 9_000_000);
    await createChannel(server.config()).send(makePost({ video, videoUrl: URL_OF_VIDEO }), makeContext());
    expect(server.deliveries[0]!.text).toMatch(/▶ https:\/\/cdn\.example\.com\/promo\/TEA-001\/douyin\.mp4$/);
  });

  it('links the video on text-only channels (Feishu, DingTalk), and not when the post has no video', async () => {
    server = await startFakeServer('feishu');
    const video = await media.video('douyin.mp4');
    await createChannel(server.config()).send(makePost({ video, videoUrl: URL_OF_VIDEO }), makeContext());
    expect(server.deliveries[0]!.text).toBe(`${makePost().text}\n\n▶ ${URL_OF_VIDEO}`);
    await createChannel(server.config()).send(makePost({ key: 'no-video' }), makeContext());
    expect(server.deliveries[1]!.text).toBe(makePost().text);
    await server.close();
    server = await startFakeServer('dingtalk', { secret: 'ding' });
    await createChannel(server.config()).send(makePost({ video, videoUrl: URL_OF_VIDEO }), makeContext());
    expect(server.deliveries[0]!.text).toBe(`${makePost().text}\n\n▶ ${URL_OF_VIDEO}`);
  });
});
