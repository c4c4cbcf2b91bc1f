// DingTalk custom robot (钉钉自定义机器人), https://open.dingtalk.com/document/robots/custom-robot-access.
import { defineChannelKind } from './channel-kind.ts';
import { secretField } from './secret-field.ts';

const URL_EXAMPLE = 'https://oapi.dingtalk.com/robot/send?access_token=${DINGTALK_ACCESS_TOKEN}';

export const dingtalkKind = defineChannelKind({
  type: 'dingtalk',
  label: 'DingTalk robot',
  fields: {
    url: secretField('DingTalk webhook url', { url: { secretQuery: ['access_token'], example: URL_EXAMPLE } }),
    secret: secretField('DingTalk secret').optional(),
  },
  limits: {
    // DingTalk documents no text limit for robots; users report bodies of ~20 000 bytes being
    // refused, so the text is kept at 18 000 UTF-8 bytes (guide): 2 000 below, for the JSON
    // envelope, escapes and a video link.
    textLimit: 18_000, limitUnit: 'bytes', maxBodyBytes: 20_000,
    // "每个机器人每分钟最多发送20条消息到群里，如果超过20条，会限流10分钟"
    rate: [{ messages: 20, seconds: 60 }],
    source: 'DingTalk custom robot docs (open.dingtalk.com): 20/min; text limit: guide',
  },
  example: { url: URL_EXAMPLE, secret: '${DINGTALK_SECRET}' },
});
