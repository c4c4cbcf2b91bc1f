// The one list of channel kinds. The config schema's `type` union, ChannelType, ChannelConfig,
// the limits table, secret handling and the drivers' table (publish/create-channel.ts, a compile
// error while one is missing) are all derived from it: a new kind is its module plus one line here.
import type { z } from 'zod';
import { dingtalkKind } from './dingtalk-kind.ts';
import { discordKind } from './discord-kind.ts';
import { douyinKind } from './douyin-kind.ts';
import { feishuKind } from './feishu-kind.ts';
import { folderKind } from './folder-kind.ts';
import { instagramKind } from './instagram-kind.ts';
import { kuaishouKind } from './kuaishou-kind.ts';
import { telegramKind } from './telegram-kind.ts';
import { tiktokKind } from './tiktok-kind.ts';
import { webhookKind } from './webhook-kind.ts';
import { wecomKind } from './wecom-kind.ts';
import { youtubeKind } from './youtube-kind.ts';

/** Every channel kind, in the order messages list them. */
export const CHANNEL_KINDS = [folderKind, wecomKind, feishuKind, dingtalkKind, telegramKind, discordKind, webhookKind, instagramKind, douyinKind, kuaishouKind, tiktokKind, youtubeKind] as const;

export type ChannelType = (typeof CHANNEL_KINDS)[number]['type'];

export type ChannelKindOf<T extends ChannelType> = Extract<(typeof CHANNEL_KINDS)[number], { type: T }>;

/**
 * A channel of type T as configured, with every `${ENV}` reference replaced by its value. Fields
 * with a default may be absent (configs are also built by hand): drivers apply the default.
 */
export type ChannelConfigOf<T extends ChannelType> = { name: string } & Omit<z.input<ChannelKindOf<T>['schema']>, 'preset' | 'video'>;

export type ChannelConfig = { [T in ChannelType]: ChannelConfigOf<T> }[ChannelType];

const BY_TYPE = new Map<string, (typeof CHANNEL_KINDS)[number]>(CHANNEL_KINDS.map((kind) => [kind.type, kind]));

/** The registered kind of `type`. */
export function channelKind<T extends ChannelType>(type: T): ChannelKindOf<T> {
  const kind = BY_TYPE.get(type);
  // Only reachable with a config that bypassed validation (or a cast).
  if (!kind) throw new Error(`unknown channel type ${JSON.stringify(type)}`);
  return kind as ChannelKindOf<T>;
}
