// The one entry point from configuration to a channel. Every send goes through a guard that
// turns any failure into a ChannelError with no secret in it, so callers can log and store
// messages as they are, and that counts the send's messages against the channel's budget.
import { CHANNEL_LIMITS, channelTextLimit } from './channel-limits.ts';
import { ChannelError, type Channel, type ChannelConfig, type ChannelConfigOf, type ChannelDriver, type ChannelType, type OutgoingPost, type SendContext, type SendResult } from './channel-types.ts';
import { createDingtalkChannel } from './dingtalk-channel.ts';
import { createDiscordChannel } from './discord-channel.ts';
import { createDouyinChannel } from './douyin-channel.ts';
import { createFeishuChannel } from './feishu-channel.ts';
import { createFolderChannel } from './folder-channel.ts';
import { createInstagramChannel } from './instagram-channel.ts';
import { createKuaishouChannel } from './kuaishou-channel.ts';
import { redactSecrets, secretsOf } from './redact-secrets.ts';
import { SendBudget } from './send-budget.ts';
import { createTelegramChannel } from './telegram-channel.ts';
import { createTiktokChannel } from './tiktok-channel.ts';
import { createWebhookChannel } from './webhook-channel.ts';
import { createWecomChannel } from './wecom-channel.ts';
import { createYoutubeChannel } from './youtube-channel.ts';

/** The channel `config` describes: its module's driver, with its kind's limits and secrets. */
export function createChannel(config: ChannelConfig): Channel {
  const driver = createDriver(config);
  const secrets = secretsOf(config);
  // The limit a text is held to with a video (Telegram's caption limit); planning checks both.
  const { limit, unit } = channelTextLimit(config, true);
  const channel: Channel = {
    config,
    textLimit: limit,
    limitUnit: unit,
    idempotent: driver.idempotent,
    resumable: driver.resumable ?? false,
    leadSeconds: driver.leadSeconds ?? 0,
    ...(driver.secretProgress ? { secretProgress: driver.secretProgress } : {}),
    budget: new SendBudget(CHANNEL_LIMITS[config.type]),
    messagesFor: (post) => driver.messagesFor?.(post) ?? 1,
    send: (post, context) => guardedSend(driver, channel, post, context, secrets),
  };
  return channel;
}

/**
 * Each channel type's driver. A mapped type over the registry's types: a registered type without
 * a driver here (or a driver for an unregistered one) does not compile.
 */
const DRIVERS: { readonly [T in ChannelType]: (config: ChannelConfigOf<T>) => ChannelDriver } = {
  folder: createFolderChannel,
  webhook: createWebhookChannel,
  wecom: createWecomChannel,
  feishu: createFeishuChannel,
  dingtalk: createDingtalkChannel,
  telegram: createTelegramChannel,
  discord: createDiscordChannel,
  youtube: createYoutubeChannel,
  tiktok: createTiktokChannel,
  instagram: createInstagramChannel,
  kuaishou: createKuaishouChannel,
  douyin: createDouyinChannel,
};

function createDriver(config: ChannelConfig): ChannelDriver {
  // TypeScript cannot relate DRIVERS[config.type] to config's own type (a correlated union).
  const create = DRIVERS[config.type] as (config: ChannelConfig) => ChannelDriver;
  return create(config);
}

async function guardedSend(driver: ChannelDriver, channel: Channel, post: OutgoingPost, context: SendContext, secrets: readonly string[]): Promise<SendResult> {
  try {
    const result = await driver.send(post, context);
    // The remote id, URL and `again` of a video platform pass through: publishing records them.
    return { ...result, detail: redactSecrets(result.detail, secrets), ...(result.again ? { again: { ...result.again, reason: redactSecrets(result.again.reason, secrets) } } : {}) };
  } catch (error) {
    if (error instanceof ChannelError) {
      const message = redactSecrets(error.message, secrets);
      throw message === error.message ? error : new ChannelError(message, error.options);
    }
    // A bug or an unexpected local failure, at a point we cannot tell: not worth retrying
    // blindly, and possibly after something was posted, so a person should look.
    const message = error instanceof Error ? error.message : String(error);
    throw new ChannelError(redactSecrets(`${channel.config.type} "${channel.config.name}": unexpected error: ${message}`, secrets), { retryable: false, maybeDelivered: true });
  } finally {
    // Stamped when the answer is in, after every message of the post reached the service; failed
    // sends count too (a refused message can still count against the service's limit).
    channel.budget.record(channel.messagesFor(post), context.now().getTime());
  }
}
