// Feishu / Lark custom bot (飞书自定义机器人), https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot.
import { defineChannelKind } from './channel-kind.ts';
import { secretField } from './secret-field.ts';

const URL_EXAMPLE = 'https://open.feishu.cn/open-apis/bot/v2/hook/${FEISHU_HOOK_TOKEN}';

export const feishuKind = defineChannelKind({
  type: 'feishu',
  label: 'Feishu bot',
  fields: {
    url: secretField('Feishu webhook url', { url: { tokenInPath: true, example: URL_EXAMPLE } }),
    secret: secretField('Feishu secret').optional(),
  },
  limits: {
    // The documented limit is the request body (20 KB). Text is counted in UTF-8 bytes and kept
    // 4 KB below it for the JSON envelope and escapes; the body itself is checked before sending.
    textLimit: 16_384, limitUnit: 'bytes', maxBodyBytes: 20 * 1024,
    // "单租户单机器人 100 次/分钟，5 次/秒"; "建议发送消息尽量避开诸如 10:00、17:30 等整点及半点时间"
    // (error 11232 under load then). The hold is ours: long enough to miss the on-the-mark burst
    // of everyone's cron jobs, short enough not to matter for an announcement.
    rate: [{ messages: 100, seconds: 60 }, { messages: 5, seconds: 1 }],
    quietMarks: { minutes: [0, 30], holdSeconds: 20 },
    source: 'Feishu custom bot guide (open.feishu.cn, 自定义机器人使用指南): body ≤ 20 KB, 100/min and 5/s, avoid :00 and :30',
  },
  example: { url: URL_EXAMPLE, secret: '${FEISHU_SECRET}' },
});
