// How account messages name a channel: `YouTube channel "shorts"`.
import { CHANNEL_KINDS } from '../channels/channel-registry.ts';

/** The channel's kind label and name; the bare type for a kind the registry does not know (tests). */
export function channelLabel(config: { type: string; name: string }): string {
  const kind = CHANNEL_KINDS.find((k) => k.type === config.type);
  return `${kind?.label ?? config.type} "${config.name}"`;
}
