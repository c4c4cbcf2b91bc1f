// Discord webhook, https://discord.com/developers/docs/resources/webhook#execute-webhook.
// `?wait=true` so Discord answers with the created message (and errors) instead of a bare 204.
// A video up to the webhook attachment limit goes as files[0] of a multipart request; a larger
// one is named in a note, and the cover (when it fits) is attached instead so the post still
// shows a picture.
import { CHANNEL_LIMITS } from './channel-limits.ts';
import type { ChannelDriver, ChannelConfig, OutgoingPost, SendContext, SendResult } from './channel-types.ts';
import { httpRequest, jsonBody, type RequestBody } from './http-request.ts';
import { httpStatusError } from './http-status-error.ts';
import { parseJsonObject } from './parse-json-object.ts';
import { summarizeBody } from './summarize-body.ts';
import { multipartBody } from './multipart-body.ts';
import { readAttachment, type Attachment } from './read-attachment.ts';
import { formatMegabytes } from './format-megabytes.ts';
import { utf16Units } from './text-measures.ts';
import { withVideoNote } from './with-video-note.ts';
import { makeSendScope, parseChannelUrl, scopedError } from './send-scope.ts';

type DiscordConfig = Extract<ChannelConfig, { type: 'discord' }>;

const LIMITS = CHANNEL_LIMITS.discord;

/** The Discord webhook channel. */
export function createDiscordChannel(config: DiscordConfig): ChannelDriver {
  return { config, idempotent: false, send: (post, context) => sendToDiscord(config, post, context) };
}

async function sendToDiscord(config: DiscordConfig, post: OutgoingPost, context: SendContext): Promise<SendResult> {
  const scope = makeSendScope(config, context);
  const url = parseChannelUrl(config.url, scope);
  url.searchParams.set('wait', 'true');
  const video = post.video ? await readAttachment(post.video, 'video', scope) : undefined;
  const cover = post.cover ? await readAttachment(post.cover, 'cover', scope) : undefined;

  let content = post.text;
  let attachment: Attachment | undefined;
  const notes: string[] = [];
  if (video && video.bytes <= LIMITS.maxVideoBytes) {
    attachment = video;
  } else {
    if (video) {
      const reason = `over the ${formatMegabytes(LIMITS.maxVideoBytes)} Discord webhooks accept`;
      content = withVideoNote(content, video, reason, LIMITS.textLimit, utf16Units, post.videoUrl);
      notes.push(`video not attached (${formatMegabytes(video.bytes)}, ${reason})`);
    }
    if (cover && cover.bytes <= LIMITS.maxCoverBytes) attachment = cover;
  }

  let body: RequestBody;
  if (attachment) {
    const payload = JSON.stringify({ content, attachments: [{ id: 0, filename: attachment.name }] });
    body = multipartBody([
      { name: 'payload_json', value: payload },
      { name: 'files[0]', file: attachment.path, filename: attachment.name, contentType: attachment.contentType, size: attachment.bytes },
    ]);
  } else {
    body = jsonBody(JSON.stringify({ content }));
  }
  const response = await httpRequest({ url, body }, scope);

  const answer = parseJsonObject(response.text);
  if (response.status === 401 || response.status === 403 || response.status === 404) {
    const said = typeof answer?.message === 'string' ? answer.message : summarizeBody(response.text);
    throw scopedError(scope, `HTTP ${response.status}: ${said}; the webhook url is wrong or the webhook was deleted: create one and set url`, { retryable: false, auth: true });
  }
  const error = httpStatusError(response, scope, {
    ...(typeof answer?.message === 'string' ? { serviceMessage: `${answer.message}${answer.code !== undefined ? ` (code ${String(answer.code)})` : ''}` } : {}),
    // The body's retry_after is a float in seconds, finer than the header's.
    ...(typeof answer?.retry_after === 'number' ? { retryAfter: answer.retry_after } : {}),
  });
  if (error) throw error;
  const sent = attachment ? `posted text with ${attachment === video ? 'video' : 'cover'} ${attachment.name}` : 'posted text';
  return { detail: [`${sent}, message ${String(answer?.id ?? '?')}`, ...notes].join('; ') };
}
