// The `channels:` and `posts:` sections of config.yaml. Secrets (webhook keys, tokens, signing
// secrets) may only be written as ${ENV_VAR} references: they are read from the environment when
// needed and never stored, logged or written anywhere.
import { z } from 'zod';
import { localPath, nameOf } from '../spec/schema-helpers.ts';
import { durationIn } from './duration-in.ts';

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/;

/** A field holding a secret: it must contain a ${ENV} reference. */
function secretField(what: string) {
  return z.string().refine((value) => ENV_REF.test(value), {
    // The message never repeats the value: it is a secret.
    error: `${what} must not be written in the config (it is a secret): write it as an environment variable reference like "\${${envNameHint(what)}}", set that variable, and remove the value from this file`,
  });
}

function envNameHint(what: string): string {
  return what.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

const preset = nameOf('preset').meta({ description: "Which rendered preset's video goes with posts (default: the spec's first output)" }).optional();
const attach = z.boolean().default(true).meta({ description: 'Attach the video and cover where the channel takes them' });

export const channelSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('folder'), dir: localPath('outbox folder', 'folder'), preset, video: attach }),
  z.strictObject({ type: z.literal('wecom'), url: secretField('WeCom webhook url'), preset, video: attach }),
  z.strictObject({ type: z.literal('feishu'), url: secretField('Feishu webhook url'), secret: secretField('Feishu secret').optional(), preset, video: attach }),
  z.strictObject({ type: z.literal('dingtalk'), url: secretField('DingTalk webhook url'), secret: secretField('DingTalk secret').optional(), preset, video: attach }),
  z.strictObject({
    type: z.literal('telegram'),
    token: secretField('Telegram bot token'),
    chat: z.string().min(1).meta({ description: 'Chat id or @channelname' }),
    api: z.string().url().default('https://api.telegram.org'),
    preset,
    video: attach,
  }),
  z.strictObject({ type: z.literal('discord'), url: secretField('Discord webhook url'), preset, video: attach }),
  z.strictObject({ type: z.literal('webhook'), url: z.string().min(1), secret: secretField('webhook secret'), preset, video: attach }),
], { error: 'a channel needs `type`: folder, wecom, feishu, dingtalk, telegram, discord or webhook' });

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

/** The environment variables a value refers to. */
export function envReferences(value: string): string[] {
  return [...value.matchAll(new RegExp(ENV_REF, 'g'))].map((m) => m[1]!);
}

/** Replaces ${VAR} references with values from `env`; lists the variables that are not set. */
export function substituteEnv(value: string, env: NodeJS.ProcessEnv): { value: string; missing: string[] } {
  const missing: string[] = [];
  const result = value.replace(new RegExp(ENV_REF, 'g'), (_, name: string) => {
    const found = env[name];
    if (found === undefined || found === '') {
      missing.push(name);
      return '';
    }
    return found;
  });
  return { value: result, missing };
}
