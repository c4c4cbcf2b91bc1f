// The `channels:` and `posts:` sections of config.yaml. Secrets (webhook keys, tokens, signing
// secrets) may only be written as ${ENV_VAR} references: they are read from the environment when
// needed and never stored, logged or written anywhere.
import { z } from 'zod';
import { localPath, nameOf } from '../spec/schema-helpers.ts';
import { durationIn } from './duration-in.ts';

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/;
const WHOLE_ENV_REF = new RegExp(`^${ENV_REF.source}$`);

/** Where a secret field's credential may sit when it is written as a URL, and an example. */
interface SecretUrlRule {
  /** The credential is the last path segment (Feishu hook token, Discord webhook token). */
  tokenInPath?: boolean;
  /** Any receiver: a path segment that looks like a token (Slack's, Zapier's hooks) is one. */
  tokenLikePath?: boolean;
  /** A URL with its secret part as a reference, shown as what to write instead. */
  example: string;
}

/**
 * A field holding a secret. Either exactly one `${VAR}` reference, or (for webhook URLs) a URL
 * whose credential-bearing parts are `${VAR}` references: every query value, a password, the
 * fragment, and the token path segment where the service keeps it there.
 */
function secretField(what: string, urlRule?: SecretUrlRule) {
  // The message never repeats the value: it is a secret.
  return z.string().refine((value) => secretProblem(value, what, urlRule) === undefined, {
    error: (iss) => secretProblem(String(iss.input), what, urlRule) ?? `${what} is not valid`,
  });
}

/** Why `value` may not stand in the config as `what`, with what to write instead; undefined when it may. */
export function secretProblem(value: string, what: string, urlRule?: SecretUrlRule): string | undefined {
  if (WHOLE_ENV_REF.test(value)) return undefined;
  const env = envNameHint(what);
  const refuse = (problem: string, instead: string) =>
    `${what} must not be written in the config (it is a secret): ${problem}; ${instead}, set the variable where promo runs, and remove the value from this file`;
  const whole = `write it as an environment variable reference, exactly "\${${env}}"`;
  if (!urlRule) return refuse(value.includes('${') ? 'it is not one `${VAR}` reference alone' : 'it is written literally', whole);
  const literal = literalUrlParts(value, urlRule);
  const instead = `${whole} (the whole address in the variable), or keep the address and make only its secret parts references, as in "${urlRule.example}"`;
  if (literal === undefined) return refuse('it is neither a `${VAR}` reference nor a URL', instead);
  if (literal.length === 0) return undefined;
  const parts = literal.length === 1 ? literal[0]! : `${literal.slice(0, -1).join(', ')} and ${literal.at(-1)!}`;
  return refuse(`${parts} ${literal.length === 1 ? 'is' : 'are'} written literally`, instead);
}

/** The credential-bearing parts of a URL written literally (named, never quoted); undefined: not a URL. */
function literalUrlParts(value: string, rule: SecretUrlRule): string[] | undefined {
  // References become plain tokens a URL parser keeps as they are, in any part of the URL.
  let count = 0;
  const marked = value.replace(new RegExp(ENV_REF, 'g'), () => `promoenvref${count++}z`);
  const isRef = (part: string) => /^promoenvref\d+z$/.test(safeDecode(part));
  let url: URL;
  try {
    url = new URL(marked);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol)) return undefined;
  const literal: string[] = [];
  if (url.password && !isRef(url.password)) literal.push('the password in it');
  for (const [name, part] of url.searchParams) {
    if (isRef(part)) continue;
    // A name without a value may itself be the token: then it is not named either.
    literal.push(part && /^[A-Za-z][A-Za-z0-9_.-]{0,30}$/.test(name) ? `the value of \`${name}\` in its query` : 'a part of its query');
  }
  if (url.hash && !isRef(url.hash.slice(1))) literal.push('its #fragment');
  if (rule.tokenLikePath && url.pathname.split('/').some((segment) => !isRef(segment) && looksLikeToken(safeDecode(segment)))) {
    literal.push('a token-like part of its path');
  }
  if (rule.tokenInPath) {
    const last = url.pathname.split('/').filter(Boolean).pop();
    if (!last || !isRef(last)) literal.push('the token at the end of its path');
  }
  return literal;
}

// 16+ characters mixing letters and digits: `b7x9k2mq4p8r1t5w` (Zapier), Slack's last segment;
// not `hooks`, `promo-2026` or a numeric id.
function looksLikeToken(segment: string): boolean {
  return segment.length >= 16 && /[A-Za-z]/.test(segment) && /\d/.test(segment);
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function envNameHint(what: string): string {
  return what.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

const preset = nameOf('preset').meta({ description: "Which rendered preset's video goes with posts (default: the spec's first output)" }).optional();
const attach = z.boolean().default(true).meta({ description: 'Attach the video and cover where the channel takes them' });

export const channelSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('folder'), dir: localPath('outbox folder', 'folder'), preset, video: attach }),
  z.strictObject({
    type: z.literal('wecom'),
    url: secretField('WeCom webhook url', { example: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}' }),
    format: z.enum(['text', 'markdown']).default('text')
      .meta({ description: 'Send the text as a `text` message (≤ 2048 bytes) or a `markdown` message (≤ 4096 bytes, WeCom\'s markdown subset)' }),
    preset,
    video: attach,
  }),
  z.strictObject({
    type: z.literal('feishu'),
    url: secretField('Feishu webhook url', { tokenInPath: true, example: 'https://open.feishu.cn/open-apis/bot/v2/hook/${FEISHU_HOOK_TOKEN}' }),
    secret: secretField('Feishu secret').optional(),
    preset,
    video: attach,
  }),
  z.strictObject({
    type: z.literal('dingtalk'),
    url: secretField('DingTalk webhook url', { example: 'https://oapi.dingtalk.com/robot/send?access_token=${DINGTALK_ACCESS_TOKEN}' }),
    secret: secretField('DingTalk secret').optional(),
    preset,
    video: attach,
  }),
  z.strictObject({
    type: z.literal('telegram'),
    token: secretField('Telegram bot token'),
    chat: z.string().min(1).meta({ description: 'Chat id or @channelname' }),
    api: z.string().url().default('https://api.telegram.org'),
    preset,
    video: attach,
  }),
  z.strictObject({
    type: z.literal('discord'),
    url: secretField('Discord webhook url', { tokenInPath: true, example: 'https://discord.com/api/webhooks/123456789012345678/${DISCORD_WEBHOOK_TOKEN}' }),
    preset,
    video: attach,
  }),
  z.strictObject({
    type: z.literal('webhook'),
    // The receiver's address may be written out; a token in its query or path may not.
    url: secretField('webhook url', { tokenLikePath: true, example: 'https://partner.example.com/hooks/promo?token=${PARTNER_TOKEN}' }),
    secret: secretField('webhook secret'),
    preset,
    video: attach,
  }),
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
