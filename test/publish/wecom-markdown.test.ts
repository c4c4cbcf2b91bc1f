// WeCom `format: markdown`: the text goes as a markdown message (≤ 4096 UTF-8 bytes) to a loopback
// robot that checks the markdown body as WeCom does; image and file messages still reach the
// fake robot behind it, which checks those.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelConfig } from '../../src/publish/channel-types.ts';
import { createChannel } from '../../src/publish/create-channel.ts';
import { startFakeServer, type FakeServer } from '../helpers/fake-channel-servers.ts';
import { channelErrorOf, makeContext, makeMediaFolder, makePost, type MediaFolder } from './publish-test-helpers.ts';
import { startRateLimitedFront, type RateLimitedFront } from './rate-limited-front.ts';

let media: MediaFolder;
let fake: FakeServer;
let front: RateLimitedFront;
beforeEach(async () => {
  media = await makeMediaFolder();
  fake = await startFakeServer('wecom');
  front = await startRateLimitedFront(fake, { windows: [{ messages: 20, seconds: 60 }], now: Date.now });
});
afterEach(async () => {
  await front.close();
  await fake.close();
});

function markdownChannel(format?: 'text' | 'markdown') {
  const config: ChannelConfig = { type: 'wecom', name: 'fans', url: front.via(fake.url), ...(format ? { format } : {}) };
  return createChannel(config);
}

const MARKDOWN = '## 今晚 8 点开播\n**明前龙井** 直播价 <font color="warning">¥99</font>\n[进入直播间](https://live.example.com/tea)';

describe('WeCom markdown messages', () => {
  it('sends the text as {"msgtype":"markdown","markdown":{"content":…}}, exactly as written', async () => {
    const result = await markdownChannel('markdown').send(makePost({ text: MARKDOWN }), makeContext());
    expect(front.markdownRejections).toEqual([]);
    expect(front.markdown).toEqual([{ content: MARKDOWN, body: { msgtype: 'markdown', markdown: { content: MARKDOWN } } }]);
    expect(fake.deliveries).toEqual([]); // no text message as well
    expect(result.detail).toBe('posted text');
  });

  it('stays a text message without `format` or with `format: text`', async () => {
    await markdownChannel().send(makePost({ text: 'plain' }), makeContext());
    await markdownChannel('text').send(makePost({ text: 'plain too' }), makeContext());
    expect(front.markdown).toEqual([]);
    expect(fake.deliveries.map((d) => [d.kind, d.text])).toEqual([['text', 'plain'], ['text', 'plain too']]);
  });

  it('exposes 4096 UTF-8 bytes as the limit: 1200 Chinese characters (3600 bytes) go out, 1400 (4200) are refused', async () => {
    const channel = markdownChannel('markdown');
    expect([channel.textLimit, channel.limitUnit]).toEqual([4096, 'bytes']);
    expect(markdownChannel('text').textLimit).toBe(2048);
    await channel.send(makePost({ text: '直'.repeat(1200) }), makeContext());
    expect(front.markdown).toHaveLength(1);
    const error = await channelErrorOf(channel.send(makePost({ text: '直'.repeat(1400) }), makeContext()));
    expect(front.markdownRejections).toEqual([{ errcode: 40058, errmsg: 'content exceed max length' }]);
    expect(error.options.retryable).toBe(false);
  });

  it('posts the markdown, then the cover image and the video file, all checked by the robot', async () => {
    const post = makePost({ text: MARKDOWN, video: await media.video(), cover: await media.cover() });
    const result = await markdownChannel('markdown').send(post, makeContext());
    expect(fake.rejections).toEqual([]);
    expect(front.markdown.map((m) => m.content)).toEqual([MARKDOWN]);
    expect(fake.uploads).toHaveLength(1);
    expect(fake.deliveries.map((d) => d.kind)).toEqual(['image', 'file']);
    // Every message went through the front in order: upload, markdown, image, file.
    expect(front.arrivals.map((a) => a.path)).toEqual(['/cgi-bin/webhook/upload_media', '/cgi-bin/webhook/send', '/cgi-bin/webhook/send', '/cgi-bin/webhook/send']);
    expect(result.detail).toBe('posted text, cover image, video file tea-sku42.mp4');
  });

  it('adds the note about a video too large to upload within the markdown limit', async () => {
    const text = '直'.repeat(1000); // 3000 bytes: room for the note under 4096, none under 2048
    const post = makePost({ text, video: await media.sparse('long.mp4', 21_000_000) });
    await markdownChannel('markdown').send(post, makeContext());
    expect(front.markdown[0]!.content).toBe(`${text}\n\n(video long.mp4, 21.0 MB, not attached: over WeCom's 20.0 MB file limit)`);
  });
});
