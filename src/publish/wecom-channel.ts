// WeCom group robot (企业微信群机器人), https://developer.work.weixin.qq.com/document/path/91770.
// One post is up to three messages: the text (a `text` message, or `markdown` when the channel has
// `format: markdown`), the cover as an image message, the video as a file message. All three count
// against the robot's 20 messages a minute, which publishDue paces (waitForSendBudget). The video
// is uploaded first (an upload posts nothing, so its failures are safe to retry); once the text is
// in the chat, a failure of the later messages is reported as partial rather than retried,
// because a retry would post the text again.
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { CHANNEL_LIMITS, channelTextLimit } from './channel-limits.ts';
import { ChannelError, type ChannelConfig, type ChannelDriver, type OutgoingPost, type SendContext, type SendResult } from './channel-types.ts';
import { httpRequest, jsonBody, type RequestBody } from './http-request.ts';
import { httpStatusError } from './http-status-error.ts';
import { parseJsonObject } from './parse-json-object.ts';
import { summarizeBody } from './summarize-body.ts';
import { multipartBody } from './multipart-body.ts';
import { readAttachment, type Attachment } from './read-attachment.ts';
import { formatMegabytes } from './format-megabytes.ts';
import { utf8Bytes } from './text-measures.ts';
import { withVideoNote } from './with-video-note.ts';
import { makeSendScope, parseChannelUrl, reasonOf, scopedError, type SendScope } from './send-scope.ts';

type WecomConfig = Extract<ChannelConfig, { type: 'wecom' }>;

const LIMITS = CHANNEL_LIMITS.wecom;
// upload_media refuses files of 5 bytes or less.
const MIN_UPLOAD_BYTES = 6;

/** The WeCom group-robot channel. */
export function createWecomChannel(config: WecomConfig): ChannelDriver {
  return {
    config,
    idempotent: false,
    // The text, then the cover and the video file when the post has them (an upper bound: one
    // over WeCom's size limits is not sent).
    messagesFor: (post) => 1 + (post.cover ? 1 : 0) + (post.video ? 1 : 0),
    send: (post, context) => sendToWecom(config, post, context),
  };
}

async function sendToWecom(config: WecomConfig, post: OutgoingPost, context: SendContext): Promise<SendResult> {
  const scope = makeSendScope(config, context);
  const sendUrl = parseWecomUrl(config.url, scope);
  const video = post.video ? await readAttachment(post.video, 'video', scope) : undefined;
  const cover = post.cover ? await readAttachment(post.cover, 'cover', scope) : undefined;
  const notes: string[] = [];

  let text = post.text;
  let mediaId: string | undefined;
  if (video && video.bytes <= LIMITS.maxVideoBytes && video.bytes >= MIN_UPLOAD_BYTES) {
    mediaId = await uploadFile(uploadUrlFor(sendUrl), video, scope);
  } else if (video) {
    const reason = video.bytes > LIMITS.maxVideoBytes ? `over WeCom's ${formatMegabytes(LIMITS.maxVideoBytes)} file limit` : 'too small to upload (5 bytes or less)';
    text = withVideoNote(text, video, reason, channelTextLimit(config, true).limit, utf8Bytes, post.videoUrl);
    notes.push(`video not attached (${formatMegabytes(video.bytes)}, ${reason})`);
  }
  let image: { base64: string; md5: string } | undefined;
  if (cover && cover.bytes <= LIMITS.maxCoverBytes) {
    const bytes = await readFile(cover.path);
    image = { base64: bytes.toString('base64'), md5: createHash('md5').update(bytes).digest('hex') };
  } else if (cover) {
    notes.push(`cover not attached (${formatMegabytes(cover.bytes)}, over WeCom's ${formatMegabytes(LIMITS.maxCoverBytes)} image limit)`);
  }

  await sendMessage(sendUrl, config.format === 'markdown' ? { msgtype: 'markdown', markdown: { content: text } } : { msgtype: 'text', text: { content: text } }, scope);
  const posted = ['text'];
  const failed: string[] = [];
  const followUps: [string, object][] = [];
  if (image) followUps.push(['cover image', { msgtype: 'image', image }]);
  if (mediaId && video) followUps.push([`video file ${video.name}`, { msgtype: 'file', file: { media_id: mediaId } }]);
  for (const [what, message] of followUps) {
    try {
      await sendMessage(sendUrl, message, scope);
      posted.push(what);
    } catch (error) {
      if (!(error instanceof ChannelError)) throw error;
      failed.push(`${what} (${reasonOf(scope, error)})`);
    }
  }
  if (failed.length > 0) {
    throw scopedError(scope, `posted ${posted.join(', ')}, but not the ${failed.join('; ')}. Post the missing part by hand; resending would repeat the text`, {
      retryable: false, maybeDelivered: true, partial: true,
    });
  }
  return { detail: [`posted ${posted.join(', ')}`, ...notes].join('; ') };
}

function parseWecomUrl(url: string, scope: SendScope): URL {
  const parsed = parseChannelUrl(url, scope);
  if (!parsed.searchParams.get('key')) {
    throw scopedError(scope, 'the url has no key= (copy the whole webhook address from the robot\'s settings)', { retryable: false, auth: true });
  }
  return parsed;
}

/** `…/cgi-bin/webhook/send?key=K` → `…/cgi-bin/webhook/upload_media?key=K&type=file` (same origin). */
export function uploadUrlFor(sendUrl: URL): URL {
  const upload = new URL(sendUrl.href);
  // Keep any path prefix (a company proxy in front of qyapi), replace only the last segment.
  upload.pathname = sendUrl.pathname.endsWith('/send') ? sendUrl.pathname.replace(/\/send$/, '/upload_media') : '/cgi-bin/webhook/upload_media';
  upload.search = '';
  upload.searchParams.set('key', sendUrl.searchParams.get('key') ?? '');
  upload.searchParams.set('type', 'file');
  return upload;
}

async function uploadFile(url: URL, video: Attachment, scope: SendScope): Promise<string> {
  const body = multipartBody([{ name: 'media', file: video.path, filename: video.name, contentType: 'application/octet-stream', size: video.bytes }]);
  const answer = await callWecom(url, body, scope, true);
  if (typeof answer.media_id !== 'string' || !answer.media_id) {
    throw scopedError(scope, `upload_media answered without a media_id: ${summarizeBody(JSON.stringify(answer))}`, { retryable: false });
  }
  return answer.media_id;
}

async function sendMessage(url: URL, message: object, scope: SendScope): Promise<void> {
  await callWecom(url, jsonBody(JSON.stringify(message)), scope);
}

async function callWecom(url: URL, body: RequestBody, scope: SendScope, postsNothing = false): Promise<Record<string, unknown>> {
  const response = await httpRequest({ url, body, postsNothing }, scope);
  const answer = parseJsonObject(response.text);
  if (!answer || typeof answer.errcode !== 'number') {
    const statusError = httpStatusError(response, scope);
    if (statusError) throw statusError;
    throw scopedError(scope, `unexpected answer (HTTP ${response.status}): ${summarizeBody(response.text)}`, { retryable: false, maybeDelivered: !postsNothing });
  }
  const failure = wecomError(answer.errcode, String(answer.errmsg ?? ''), scope);
  if (failure) throw failure;
  return answer;
}

/** What a WeCom `errcode` means; undefined for 0. */
export function wecomError(errcode: number, errmsg: string, scope: SendScope): ChannelError | undefined {
  if (errcode === 0) return undefined;
  const said = `errcode ${errcode}: ${errmsg}`;
  switch (errcode) {
    case 93000: // invalid webhook url: the key is wrong or the robot was removed
      return scopedError(scope, `the webhook key was refused (${said}); check the robot's webhook url`, { retryable: false, auth: true });
    case 45009: // api freq out of limit (20 messages/min per robot)
      return scopedError(scope, `rate limited (${said})`, { retryable: true, retryAfter: 60 });
    case -1: // system busy
      return scopedError(scope, `WeCom is busy (${said})`, { retryable: true });
    default:
      return scopedError(scope, said, { retryable: false });
  }
}
