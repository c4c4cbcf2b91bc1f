// WeCom group robot (企业微信群机器人), https://developer.work.weixin.qq.com/document/path/91770.
import { z } from 'zod';
import { defineChannelKind } from './channel-kind.ts';
import { secretField } from './secret-field.ts';

const URL_EXAMPLE = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}';

export const wecomKind = defineChannelKind({
  type: 'wecom',
  label: 'WeCom robot',
  fields: {
    url: secretField('WeCom webhook url', { url: { secretQuery: ['key'], example: URL_EXAMPLE } }),
    format: z.enum(['text', 'markdown']).default('text')
      .meta({ description: 'Send the text as a `text` message (≤ 2048 bytes) or a `markdown` message (≤ 4096 bytes, WeCom\'s markdown subset)' }),
  },
  limits: {
    // text ≤ 2048 bytes, markdown ≤ 4096 bytes (UTF-8).
    textLimit: 2048, limitUnit: 'bytes', markdownTextLimit: 4096,
    // upload_media takes files of 5 B – 20 MB; image messages ≤ 2 MB before base64.
    maxVideoBytes: 20_000_000, maxCoverBytes: 2_000_000,
    // "每个机器人发送的消息不能超过20条/分钟": text, image and file messages each count.
    rate: [{ messages: 20, seconds: 60 }],
    source: 'WeCom group robot docs (developer.work.weixin.qq.com/document/path/91770)',
  },
  example: { url: URL_EXAMPLE },
});
