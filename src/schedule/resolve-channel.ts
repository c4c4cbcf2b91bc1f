// A configured channel with its ${ENV} references replaced by the environment's values, ready
// for createChannel; or what is missing. Values are only ever held in memory.
import type { ChannelDefinition } from '../config/config-types.ts';
import { substituteEnv } from '../config/channels-schema.ts';
import type { ChannelConfig } from '../publish/channel-types.ts';

export type ResolvedChannel = { ok: true; config: ChannelConfig } | { ok: false; problem: string };

const SECRET_FIELDS = ['url', 'secret', 'token'] as const;

/** Resolves a channel definition against `env`. */
export function resolveChannel(definition: ChannelDefinition, env: NodeJS.ProcessEnv = process.env): ResolvedChannel {
  const resolved: Record<string, unknown> = { ...definition };
  const missing: string[] = [];
  for (const field of SECRET_FIELDS) {
    const value = resolved[field];
    if (typeof value !== 'string') continue;
    const substituted = substituteEnv(value, env);
    missing.push(...substituted.missing);
    resolved[field] = substituted.value;
  }
  if (missing.length > 0) {
    return { ok: false, problem: `channel ${definition.name}: environment variable${missing.length > 1 ? 's' : ''} ${[...new Set(missing)].join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set; set ${missing.length > 1 ? 'them' : 'it'} where promo runs` };
  }
  delete resolved.preset;
  delete resolved.video;
  return { ok: true, config: resolved as unknown as ChannelConfig };
}
