// What every request of one send needs to know: how to name the channel in messages, which
// values to hide, and the caller's clock, signal and timeout.
import { channelKind } from '../channels/channel-registry.ts';
import { ChannelError, type ChannelConfig, type SendContext } from './channel-types.ts';
import { redactSecrets, secretsOf } from './redact-secrets.ts';

export interface SendScope {
  /** How messages name the channel, e.g. `WeCom robot "shop-team"`. */
  label: string;
  secrets: readonly string[];
  context: SendContext;
}

/** The scope of one send on the channel configured as `config`. */
export function makeSendScope(config: ChannelConfig, context: SendContext): SendScope {
  return { label: `${channelKind(config.type).label} "${config.name}"`, secrets: secretsOf(config), context };
}

/** A ChannelError whose message names the channel and carries no secret. */
export function scopedError(scope: SendScope, message: string, options: ChannelError['options']): ChannelError {
  return new ChannelError(redactSecrets(`${scope.label}: ${message}`, scope.secrets), options);
}

/** An error's message without the channel label in front, to quote it inside another message. */
export function reasonOf(scope: SendScope, error: Error): string {
  const prefix = redactSecrets(`${scope.label}: `, scope.secrets);
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** The channel's configured URL, parsed; a malformed one is a configuration error. */
export function parseChannelUrl(url: string, scope: SendScope): URL {
  try {
    return new URL(url);
  } catch {
    throw scopedError(scope, 'the url is not a valid URL: copy it again from the service', { retryable: false, auth: true });
  }
}
