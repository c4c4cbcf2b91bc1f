// Telegram Bot API, https://core.telegram.org/bots/api. With a video: sendVideo (multipart, the
// text as its caption, ≤ 1024 chars); without one, or with one over the 50 MB upload limit:
// sendMessage, the latter with a note naming the video. The cover is not sent: sendVideo's
// `thumbnail` must be a ≤ 200 kB, ≤ 320 px JPEG, and Telegram makes its own preview frame.
import { CHANNEL_LIMITS } from './channel-limits.ts';
import type { ChannelDriver, ChannelConfig, OutgoingPost, SendContext, SendResult } from './channel-types.ts';
import { httpRequest, jsonBody, type HttpResponse } from './http-request.ts';
import { httpStatusError } from './http-status-error.ts';
import { parseJsonObject } from './parse-json-object.ts';
import { summarizeBody } from './summarize-body.ts';
import { multipartBody } from './multipart-body.ts';
import { readAttachment } from './read-attachment.ts';
import { formatMegabytes } from './format-megabytes.ts';
import { utf16Units } from './text-measures.ts';
import { withVideoNote } from './with-video-note.ts';
import { makeSendScope, parseChannelUrl, scopedError, type SendScope } from './send-scope.ts';

type TelegramConfig = Extract<ChannelConfig, { type: 'telegram' }>;

const LIMITS = CHANNEL_LIMITS.telegram;
const DEFAULT_API = 'https://api.telegram.org';

/** The Telegram bot channel. */
export function createTelegramChannel(config: TelegramConfig): ChannelDriver {
  return { config, idempotent: false, send: (post, context) => sendToTelegram(config, post, context) };
}

async function sendToTelegram(config: TelegramConfig, post: OutgoingPost, context: SendContext): Promise<SendResult> {
  const scope = makeSendScope(config, context);
  const method = (name: string): URL => parseChannelUrl(`${(config.api || DEFAULT_API).replace(/\/+$/, '')}/bot${config.token}/${name}`, scope);
  const video = post.video ? await readAttachment(post.video, 'video', scope) : undefined;

  if (video && video.bytes <= LIMITS.maxVideoBytes) {
    const parts = [
      { name: 'chat_id', value: config.chat },
      ...(post.text ? [{ name: 'caption', value: post.text }] : []),
      { name: 'supports_streaming', value: 'true' },
      { name: 'video', file: video.path, filename: video.name, contentType: video.contentType, size: video.bytes },
    ];
    const response = await httpRequest({ url: method('sendVideo'), body: multipartBody(parts) }, scope);
    return { detail: `posted video ${video.name} with caption, ${messageOf(response, config, scope)}` };
  }

  let text = post.text;
  let note = '';
  if (video) {
    const reason = `over Telegram's ${formatMegabytes(LIMITS.maxVideoBytes)} upload limit`;
    text = withVideoNote(text, video, reason, LIMITS.messageTextLimit, utf16Units, post.videoUrl);
    note = `; video not attached (${formatMegabytes(video.bytes)}, ${reason})`;
  }
  const json = JSON.stringify({ chat_id: config.chat, text });
  const response = await httpRequest({ url: method('sendMessage'), body: jsonBody(json) }, scope);
  return { detail: `posted text, ${messageOf(response, config, scope)}${note}` };
}

// `message 123` from a successful answer; throws the ChannelError a failed one means.
function messageOf(response: HttpResponse, config: TelegramConfig, scope: SendScope): string {
  const answer = parseJsonObject(response.text);
  if (answer?.ok === true) {
    const result = answer.result as { message_id?: unknown } | undefined;
    return `message ${String(result?.message_id ?? '?')}`;
  }
  const description = typeof answer?.description === 'string' ? answer.description : undefined;
  const parameters = (answer?.parameters ?? {}) as { retry_after?: unknown; migrate_to_chat_id?: unknown };
  if (parameters.migrate_to_chat_id !== undefined) {
    throw scopedError(scope, `the group became a supergroup: set chat to ${String(parameters.migrate_to_chat_id)}`, { retryable: false });
  }
  // Telegram answers 404 (in its JSON) for a token that is not a bot token at all; a 404 page
  // of another shape means the api base is wrong, and is quoted as is.
  if (response.status === 404 && answer?.ok === false) {
    throw scopedError(scope, `HTTP 404: ${description ?? 'Not Found'}; check the bot token`, { retryable: false, auth: true });
  }
  if (response.status === 400 && description && /chat not found/i.test(description)) {
    throw scopedError(scope, `${description}: check chat (${config.chat}) and that the bot was added to it`, { retryable: false });
  }
  const error = httpStatusError(response, scope, {
    ...(description === undefined ? {} : { serviceMessage: description }),
    ...(typeof parameters.retry_after === 'number' ? { retryAfter: parameters.retry_after } : {}),
    authHint: response.status === 401 ? 'check the bot token' : `check that the bot is a member of chat ${config.chat} and may post there`,
  });
  if (error) throw error;
  throw scopedError(scope, `unexpected answer (HTTP ${response.status}): ${summarizeBody(response.text)}`, { retryable: false, maybeDelivered: true });
}
