// Feishu / Lark custom bot (飞书自定义机器人), https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot.
// Text only: custom bots cannot upload files (that needs an app bot and its tenant token), so a
// post's video and cover are not sent and the send result says so. The file name is not added to
// the text: announcement groups are often customer-facing, where a file name is noise; teams that
// post by hand use the folder channel, which carries the files.
import { createHmac } from 'node:crypto';
import { CHANNEL_LIMITS } from './channel-limits.ts';
import type { ChannelDriver, ChannelConfig, ChannelError, OutgoingPost, SendContext, SendResult } from './channel-types.ts';
import { httpRequest, jsonBody } from './http-request.ts';
import { httpStatusError } from './http-status-error.ts';
import { parseJsonObject } from './parse-json-object.ts';
import { summarizeBody } from './summarize-body.ts';
import { makeSendScope, parseChannelUrl, scopedError, type SendScope } from './send-scope.ts';
import { utf8Bytes } from './text-measures.ts';
import { withVideoLink } from './with-video-link.ts';

type FeishuConfig = Extract<ChannelConfig, { type: 'feishu' }>;

const LIMITS = CHANNEL_LIMITS.feishu;

/** The Feishu custom-bot channel. */
export function createFeishuChannel(config: FeishuConfig): ChannelDriver {
  return { config, idempotent: false, send: (post, context) => sendToFeishu(config, post, context) };
}

async function sendToFeishu(config: FeishuConfig, post: OutgoingPost, context: SendContext): Promise<SendResult> {
  const scope = makeSendScope(config, context);
  const url = parseChannelUrl(config.url, scope);
  const timestamp = Math.floor(context.now().getTime() / 1000);
  // Custom bots cannot upload files: the video is linked when it has a public address.
  const text = withVideoLink(post.text, post.video ? post.videoUrl : undefined, LIMITS.textLimit, utf8Bytes);
  const message = config.secret
    ? { timestamp: String(timestamp), sign: signFeishu(config.secret, timestamp), msg_type: 'text', content: { text } }
    : { msg_type: 'text', content: { text } };
  const json = JSON.stringify(message);
  const size = Buffer.byteLength(json);
  if (size > LIMITS.maxBodyBytes) {
    throw scopedError(scope, `the message is ${size} bytes, over Feishu's ${LIMITS.maxBodyBytes}-byte limit: shorten the text`, { retryable: false });
  }
  const response = await httpRequest({ url, body: jsonBody(json) }, scope);
  const answer = parseJsonObject(response.text);
  if (!answer || typeof answer.code !== 'number') {
    const statusError = httpStatusError(response, scope);
    if (statusError) throw statusError;
    throw scopedError(scope, `unexpected answer (HTTP ${response.status}): ${summarizeBody(response.text)}`, { retryable: false, maybeDelivered: true });
  }
  const failure = feishuError(answer.code, String(answer.msg ?? ''), scope);
  if (failure) throw failure;
  const skipped = [post.video && 'video', post.cover && 'cover'].filter(Boolean);
  return { detail: `posted text${skipped.length ? `; ${skipped.join(' and ')} not sent (Feishu custom bots take no files)` : ''}` };
}

/** base64(HMAC-SHA256(key = `${timestamp}\n${secret}`, message = "")), timestamp in seconds. */
export function signFeishu(secret: string, timestamp: number): string {
  return createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
}

/** What a Feishu `code` means; undefined for 0. */
export function feishuError(code: number, msg: string, scope: SendScope): ChannelError | undefined {
  if (code === 0) return undefined;
  const said = `code ${code}: ${msg}`;
  switch (code) {
    case 19021: // sign match fail or timestamp is not within one hour from current time
    case 19022: // refused by the bot's security settings (signature, timestamp or IP list)
      return scopedError(scope, `the signature was refused (${said}); check the FEISHU secret, the bot's security settings and this machine's clock`, { retryable: false, auth: true });
    case 19001: // param invalid: incoming webhook access token invalid
      return scopedError(scope, `the webhook address was refused (${said}); copy it again from the bot's settings`, { retryable: false, auth: true });
    case 9499: // too many request
    case 11232: // frequency limited (also: sending exactly on the hour or half hour)
      return scopedError(scope, `rate limited (${said})`, { retryable: true });
    default:
      return scopedError(scope, said, { retryable: false });
  }
}
