// The limits of every channel type, looked up by type. Each figure lives in its channel's kind
// (src/channels/<type>-kind.ts) beside its source: ../shared/PLATFORMS.md ("Announcement
// channels"), which cites each service's developer documentation. Sizes are decimal
// (1 MB = 1 000 000 bytes) so that a file near a limit stays on the safe side whether the service
// means MB or MiB.
import type { ChannelLimits } from '../channels/channel-kind.ts';
import { CHANNEL_KINDS, type ChannelKindOf, type ChannelType } from '../channels/channel-registry.ts';

export type { ChannelLimits, QuietMarks, RateWindow } from '../channels/channel-kind.ts';

export const CHANNEL_LIMITS = Object.fromEntries(CHANNEL_KINDS.map((kind) => [kind.type, kind.limits])) as {
  readonly [T in ChannelType]: ChannelKindOf<T>['limits'];
};

/**
 * The text limit the scheduler checks for a configured channel: Telegram captions (with a video)
 * are shorter than its messages; WeCom markdown messages are longer than its text messages.
 */
export function channelTextLimit(channel: { type: ChannelType; format?: 'text' | 'markdown' }, withVideo: boolean): { limit: number; unit: 'chars' | 'bytes' } {
  const limits: ChannelLimits = CHANNEL_LIMITS[channel.type];
  if (!withVideo && limits.messageTextLimit !== undefined) return { limit: limits.messageTextLimit, unit: limits.limitUnit };
  if (channel.format === 'markdown' && limits.markdownTextLimit !== undefined) return { limit: limits.markdownTextLimit, unit: limits.limitUnit };
  return { limit: limits.textLimit, unit: limits.limitUnit };
}
