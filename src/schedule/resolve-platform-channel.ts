// A configured video-platform channel, ready for the account code: its resolved config (client
// id and secret from the environment) and its kind's OAuth profile; or why it cannot be used.
import type { OAuthProfile } from '../channels/oauth-profile.ts';
import { channelKind } from '../channels/channel-registry.ts';
import type { PromoConfig } from '../config/config-types.ts';
import type { ChannelConfig } from '../publish/channel-types.ts';
import { resolveChannel } from './resolve-channel.ts';

export type PlatformChannel =
  | { ok: true; config: ChannelConfig; profile: OAuthProfile; label: string }
  | { ok: false; problem: string };

/** The channel `name` of `config` when its kind connects accounts (has `oauth`). */
export function resolvePlatformChannel(config: PromoConfig, name: string, env: NodeJS.ProcessEnv = process.env): PlatformChannel {
  const definition = config.channels[name];
  if (!definition) {
    const known = Object.keys(config.channels);
    return { ok: false, problem: `no channel ${name} in ${config.file ?? 'the configuration'}${known.length > 0 ? ` (channels: ${known.join(', ')})` : ''}` };
  }
  const kind = channelKind(definition.type);
  if (!kind.oauth) return { ok: false, problem: `channel ${name} is a ${kind.label}, which has no account to connect (only video-platform channels do)` };
  const resolved = resolveChannel(definition, env, kind);
  if (!resolved.ok) return resolved;
  return { ok: true, config: resolved.config, profile: kind.oauth, label: `${kind.label} "${name}"` };
}
