// The one table of announcement-channel limits. Figures come from ../shared/PLATFORMS.md
// ("Announcement channels"), which cites each service's developer documentation; change a
// service's figures here and only here. Sizes are decimal (1 MB = 1 000 000 bytes) so that a file
// near a limit stays on the safe side whether the service means MB or MiB.

/** At most `messages` messages in any `seconds` seconds (a sliding window). */
export interface RateWindow {
  messages: number;
  seconds: number;
}

/** Minutes past the hour (UTC) at which sends are held for `holdSeconds`: the service is busiest then. */
export interface QuietMarks {
  minutes: readonly number[];
  holdSeconds: number;
}

export interface ChannelLimits {
  /** Most text per post, in `limitUnit`. */
  textLimit: number;
  limitUnit: 'chars' | 'bytes';
  /** Most text of a markdown message, in `limitUnit`, where the channel has a `format: markdown`. */
  markdownTextLimit?: number;
  /** Largest video the channel attaches, bytes; absent: the channel never attaches videos. */
  maxVideoBytes?: number;
  /** Largest cover image the channel attaches, bytes. */
  maxCoverBytes?: number;
  /** Largest request body, bytes, where the service documents one. */
  maxBodyBytes?: number;
  /**
   * Messages the service takes per robot / webhook / chat; every window must allow a send.
   * Absent: no limit of the service's own (the receiver decides, or nothing is sent).
   */
  rate?: readonly RateWindow[];
  /** Sends that would leave just after these marks wait until the hold is over. */
  quietMarks?: QuietMarks;
  source: string;
}

export const CHANNEL_LIMITS = {
  // No service in between: a person posts from the folder. Large, not infinite, so a runaway
  // template is still caught by the scheduler's length check.
  folder: { textLimit: 1_000_000, limitUnit: 'chars', source: 'local outbox folder' },
  webhook: {
    textLimit: 1_000_000, limitUnit: 'chars',
    source: 'Standard Webhooks (standardwebhooks.com): no limit of its own, the receiver decides',
  },
  wecom: {
    // text ≤ 2048 bytes, markdown ≤ 4096 bytes (UTF-8).
    textLimit: 2048, limitUnit: 'bytes', markdownTextLimit: 4096,
    // upload_media takes files of 5 B – 20 MB; image messages ≤ 2 MB before base64.
    maxVideoBytes: 20_000_000, maxCoverBytes: 2_000_000,
    // "每个机器人发送的消息不能超过20条/分钟": text, image and file messages each count.
    rate: [{ messages: 20, seconds: 60 }],
    source: 'WeCom group robot docs (developer.work.weixin.qq.com/document/path/91770)',
  },
  feishu: {
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
  dingtalk: {
    // DingTalk documents no text limit for robots; users report bodies of ~20 000 bytes being
    // refused, so the text is kept at 18 000 UTF-8 bytes (guide): 2 000 below, for the JSON
    // envelope, escapes and a video link.
    textLimit: 18_000, limitUnit: 'bytes', maxBodyBytes: 20_000,
    // "每个机器人每分钟最多发送20条消息到群里，如果超过20条，会限流10分钟"
    rate: [{ messages: 20, seconds: 60 }],
    source: 'DingTalk custom robot docs (open.dingtalk.com): 20/min; text limit: guide',
  },
  telegram: {
    // 1024 is the caption limit of sendVideo; sendMessage (no video) would take 4096. The
    // scheduler checks one number per channel, so the strict one is exposed.
    textLimit: 1024, limitUnit: 'chars', maxVideoBytes: 50_000_000,
    // Bot FAQ ("My bot is hitting limits"): no more than 20 messages per minute in a group, about
    // one per second in any chat.
    rate: [{ messages: 20, seconds: 60 }, { messages: 1, seconds: 1 }],
    source: 'Telegram Bot API (core.telegram.org/bots/api#sendvideo); rate: core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this',
  },
  discord: {
    textLimit: 2000, limitUnit: 'chars', maxVideoBytes: 8_000_000, maxCoverBytes: 8_000_000,
    // Discord publishes its limits only as X-RateLimit-* headers; webhooks are widely reported to
    // take 30 messages per minute and 5 per 2 seconds (guide). 429s are still honoured.
    rate: [{ messages: 30, seconds: 60 }, { messages: 5, seconds: 2 }],
    source: 'Discord webhook docs (discord.com/developers/docs/resources/webhook); attachment limit: PLATFORMS.md; rate: guide (birdie0.github.io/discord-webhooks-guide/other/rate_limits.html)',
  },
} as const satisfies Record<string, ChannelLimits>;

/** Telegram's limit for sendMessage, used when the video is too large to attach. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/**
 * The text limit the scheduler checks for a configured channel: Telegram captions (with a video)
 * are shorter than its messages; WeCom markdown messages are longer than its text messages.
 */
export function channelTextLimit(channel: { type: keyof typeof CHANNEL_LIMITS; format?: 'text' | 'markdown' }, withVideo: boolean): { limit: number; unit: 'chars' | 'bytes' } {
  const limits: ChannelLimits = CHANNEL_LIMITS[channel.type];
  if (channel.type === 'telegram' && !withVideo) return { limit: TELEGRAM_MESSAGE_LIMIT, unit: limits.limitUnit };
  if (channel.format === 'markdown' && limits.markdownTextLimit !== undefined) return { limit: limits.markdownTextLimit, unit: limits.limitUnit };
  return { limit: limits.textLimit, unit: limits.limitUnit };
}
