// DingTalk custom robot (钉钉自定义机器人), https://open.dingtalk.com/document/robots/custom-robot-access.
// Text only: robots take text, link, markdown and card messages, no files; the send result says
// when a post's video or cover was not sent (see feishu-channel.ts for why the text is left as is).
// 20 messages/min, then 10 minutes of silence: publishDue spaces sends to that budget before
// each one (waitForSendBudget, figures in channel-limits.ts); this only reports a refusal.
import { createHmac } from 'node:crypto';
import { CHANNEL_LIMITS } from './channel-limits.ts';
import type { ChannelDriver, ChannelConfig, ChannelError, OutgoingPost, SendContext, SendResult } from './channel-types.ts';
import { httpRequest, jsonBody } from './http-request.ts';
import { httpStatusError } from './http-status-error.ts';
import { parseJsonObject } from './parse-json-object.ts';
import { summarizeBody } from './summarize-body.ts';
import { makeSendScope, parseChannelUrl, scopedError, type SendScope } from './send-scope.ts';
import { utf16Units, utf8Bytes } from './text-measures.ts';
import { withVideoLink } from './with-video-link.ts';

type DingtalkConfig = Extract<ChannelConfig, { type: 'dingtalk' }>;

const LIMITS = CHANNEL_LIMITS.dingtalk;
// 130101 (over 20/min) silences the robot for 10 minutes.
const THROTTLE_SECONDS = 600;

/** The DingTalk robot channel. */
export function createDingtalkChannel(config: DingtalkConfig): ChannelDriver {
  return { config, idempotent: false, send: (post, context) => sendToDingtalk(config, post, context) };
}

async function sendToDingtalk(config: DingtalkConfig, post: OutgoingPost, context: SendContext): Promise<SendResult> {
  const scope = makeSendScope(config, context);
  const url = parseChannelUrl(config.url, scope);
  if (config.secret) {
    const timestamp = context.now().getTime();
    // URLSearchParams percent-encodes the base64 (+ / =): the "urlencode" the docs ask for.
    url.searchParams.set('timestamp', String(timestamp));
    url.searchParams.set('sign', signDingtalk(config.secret, timestamp));
  }
  // Robots cannot upload files: the video is linked when it has a public address.
  const content = withVideoLink(post.text, post.video ? post.videoUrl : undefined, LIMITS.textLimit, LIMITS.limitUnit === 'bytes' ? utf8Bytes : utf16Units);
  const json = JSON.stringify({ msgtype: 'text', text: { content } });
  const size = Buffer.byteLength(json);
  if (size > LIMITS.maxBodyBytes) {
    throw scopedError(scope, `the message is ${size} bytes, over the ${LIMITS.maxBodyBytes} bytes DingTalk accepts: shorten the text`, { retryable: false });
  }
  const response = await httpRequest({ url, body: jsonBody(json) }, scope);
  const answer = parseJsonObject(response.text);
  if (!answer || typeof answer.errcode !== 'number') {
    const statusError = httpStatusError(response, scope);
    if (statusError) throw statusError;
    throw scopedError(scope, `unexpected answer (HTTP ${response.status}): ${summarizeBody(response.text)}`, { retryable: false, maybeDelivered: true });
  }
  const failure = dingtalkError(answer.errcode, String(answer.errmsg ?? ''), scope);
  if (failure) throw failure;
  const skipped = [post.video && 'video', post.cover && 'cover'].filter(Boolean);
  return { detail: `posted text${skipped.length ? `; ${skipped.join(' and ')} not sent (DingTalk robots take no files)` : ''}` };
}

/** base64(HMAC-SHA256(key = secret, message = `${timestamp}\n${secret}`)), timestamp in ms (not URL-encoded). */
export function signDingtalk(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** What a DingTalk `errcode` means; undefined for 0. */
export function dingtalkError(errcode: number, errmsg: string, scope: SendScope): ChannelError | undefined {
  if (errcode === 0) return undefined;
  const said = `errcode ${errcode}: ${errmsg}`;
  switch (errcode) {
    case 310000: // sign not match / invalid timestamp / keywords not in content / ip not in whitelist
      return scopedError(scope, `the robot's security settings refused the message (${said}); check the DINGTALK secret, the robot's keywords and IP list, and this machine's clock`, { retryable: false, auth: true });
    case 300001: // token is not exist
    case 300005:
      return scopedError(scope, `the access_token was refused (${said}); copy the webhook url again from the robot's settings`, { retryable: false, auth: true });
    case 130101: // send too fast, exceed 20 times per minute
      return scopedError(scope, `rate limited (${said})`, { retryable: true, retryAfter: THROTTLE_SECONDS });
    case -1: // system busy
      return scopedError(scope, `DingTalk is busy (${said})`, { retryable: true });
    default:
      return scopedError(scope, said, { retryable: false });
  }
}
