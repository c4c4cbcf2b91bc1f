// The one table of announcement-channel limits. Figures come from ../shared/PLATFORMS.md
// ("Announcement channels"), which cites each service's developer documentation; change a
// service's figures here and only here. Sizes are decimal (1 MB = 1 000 000 bytes) so that a file
// near a limit stays on the safe side whether the service means MB or MiB.

export interface ChannelLimits {
  /** Most text per post, in `limitUnit`. */
  textLimit: number;
  limitUnit: 'chars' | 'bytes';
  /** Largest video the channel attaches, bytes; absent: the channel never attaches videos. */
  maxVideoBytes?: number;
  /** Largest cover image the channel attaches, bytes. */
  maxCoverBytes?: number;
  /** Largest request body, bytes, where the service documents one. */
  maxBodyBytes?: number;
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
    textLimit: 2048, limitUnit: 'bytes',
    // upload_media takes files of 5 B – 20 MB; image messages ≤ 2 MB before base64.
    maxVideoBytes: 20_000_000, maxCoverBytes: 2_000_000,
    source: 'WeCom group robot docs (developer.work.weixin.qq.com/document/path/91770)',
  },
  feishu: {
    // The documented limit is the request body (20 KB). Text is counted in UTF-8 bytes and kept
    // 4 KB below it for the JSON envelope and escapes; the body itself is checked before sending.
    textLimit: 16_384, limitUnit: 'bytes', maxBodyBytes: 20 * 1024,
    source: 'Feishu custom bot guide (open.feishu.cn, 自定义机器人使用指南): body ≤ 20 KB',
  },
  dingtalk: {
    // DingTalk documents no text limit for robots; users report bodies of ~20 000 bytes being
    // refused, so the text is kept at 18 000 UTF-8 bytes (guide).
    textLimit: 18_000, limitUnit: 'bytes', maxBodyBytes: 20_000,
    source: 'DingTalk custom robot docs (open.dingtalk.com); text limit: guide',
  },
  telegram: {
    // 1024 is the caption limit of sendVideo; sendMessage (no video) would take 4096. The
    // scheduler checks one number per channel, so the strict one is exposed.
    textLimit: 1024, limitUnit: 'chars', maxVideoBytes: 50_000_000,
    source: 'Telegram Bot API (core.telegram.org/bots/api#sendvideo)',
  },
  discord: {
    textLimit: 2000, limitUnit: 'chars', maxVideoBytes: 8_000_000, maxCoverBytes: 8_000_000,
    source: 'Discord webhook docs (discord.com/developers/docs/resources/webhook); attachment limit: PLATFORMS.md',
  },
} as const satisfies Record<string, ChannelLimits>;

/** Telegram's limit for sendMessage, used when the video is too large to attach. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;
