// The `channels:` and `posts:` sections of config.yaml. Each channel's settings come from its kind
// in src/channels/ (channel-registry.ts lists them). Secrets (webhook keys, tokens, signing
// secrets) may only be written as ${ENV_VAR} references: they are read from the environment when
// needed and never stored, logged or written anywhere.
import { z } from 'zod';
import { CHANNEL_KINDS } from '../channels/channel-registry.ts';
import { nameOf } from '../yaml/schema-helpers.ts';
import { durationIn } from './duration-in.ts';

// z.discriminatedUnion wants a tuple of the schemas to infer the union; map() loses the tuple.
// (A mapped type keeps a tuple a tuple only through a type parameter, hence SchemasOf<K>.)
type SchemasOf<K extends readonly unknown[]> = { -readonly [I in keyof K]: K[I] extends { schema: infer S } ? S : never };
type KindSchemas = SchemasOf<typeof CHANNEL_KINDS>;
const kindSchemas = CHANNEL_KINDS.map((kind) => kind.schema) as unknown as KindSchemas;
const typeNames = CHANNEL_KINDS.map((kind) => kind.type);

export const channelSchema = z.discriminatedUnion('type', kindSchemas, {
  error: `a channel needs \`type\`: ${typeNames.slice(0, -1).join(', ')} or ${typeNames.at(-1)!}`,
});

export const channelsSchema = z.record(nameOf('channel name'), channelSchema);

export const postsConfigSchema = z.strictObject({
  grace: durationIn(0, 86400).default('15m').meta({ description: 'How late a post may still go out' }),
  horizon: durationIn(3600, 400 * 86400).default('14d').meta({ description: 'How far ahead posts of a recurring stream are scheduled' }),
  timeout: durationIn(1, 600).default('30s').meta({ description: 'Time limit of one request to a channel' }),
  mediaUrl: z.string().url().refine((u) => /^https?:/.test(u), { error: 'must be an http(s) URL' })
    .meta({ description: 'Public address of the output folder (e.g. a CDN it is synced to): videos a channel cannot attach are linked as this + their path' })
    .optional(),
});

export type ChannelInput = z.output<typeof channelSchema>;
export type PostsConfigInput = z.output<typeof postsConfigSchema>;
