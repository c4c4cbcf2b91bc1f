// The one error a channel whose account must be connected again fails with, in sends and in the
// posts table: it names the command that fixes it.
import { ChannelError } from '../publish/channel-types.ts';
import { channelLabel } from './channel-label.ts';

/** `YouTube channel "shorts": <why>; run \`promo accounts connect shorts\`` (never retried). */
export function reconnectError(config: { type: string; name: string }, why: string): ChannelError {
  return new ChannelError(`${channelLabel(config)}: ${why}; run \`promo accounts connect ${config.name}\``, { retryable: false, auth: true, needsReconnect: true });
}
