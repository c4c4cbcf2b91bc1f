// A configured channel with its ${ENV} references replaced by the environment's values, ready
// for createChannel; or what is missing. Values are only ever held in memory.
import type { ChannelDefinition } from '../config/config-types.ts';
import type { ChannelKind } from '../channels/channel-kind.ts';
import { channelKind } from '../channels/channel-registry.ts';
import { secretFieldsOf } from '../channels/secret-fields-of.ts';
import { substituteEnv } from '../channels/substitute-env.ts';
import type { ChannelConfig } from '../publish/channel-types.ts';

export type ResolvedChannel = { ok: true; config: ChannelConfig } | { ok: false; problem: string };

/** Resolves a channel definition against `env`: the references in its kind's secret fields. */
export function resolveChannel(
  definition: ChannelDefinition,
  env: NodeJS.ProcessEnv = process.env,
  kind: Pick<ChannelKind, 'schema'> = channelKind(definition.type),
): ResolvedChannel {
  const resolved: Record<string, unknown> = { ...definition };
  const missing: string[] = [];
  for (const { field } of secretFieldsOf(kind)) {
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
