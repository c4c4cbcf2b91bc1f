// Generic webhook, signed as Standard Webhooks (https://www.standardwebhooks.com/): the receiver
// gets the post as JSON and verifies `webhook-signature`; `webhook-id` is the post's key, the
// same on every retry, so a receiver that dedupes by it never posts twice. Files are described
// (name, size, SHA-256), not uploaded: the receiver fetches them from where promo wrote them.
import { createHmac } from 'node:crypto';
import type { ChannelDriver, ChannelConfig, OutgoingPost, SendContext, SendResult } from './channel-types.ts';
import { httpRequest, jsonBody } from './http-request.ts';
import { httpStatusError } from './http-status-error.ts';
import { summarizeBody } from './summarize-body.ts';
import { readAttachment, type Attachment } from './read-attachment.ts';
import { hashFile } from './hash-file.ts';
import { makeSendScope } from './send-scope.ts';

type WebhookConfig = Extract<ChannelConfig, { type: 'webhook' }>;

/** The generic (Standard Webhooks) channel. */
export function createWebhookChannel(config: WebhookConfig): ChannelDriver {
  return { config, idempotent: true, send: (post, context) => sendToWebhook(config, post, context) };
}

async function sendToWebhook(config: WebhookConfig, post: OutgoingPost, context: SendContext): Promise<SendResult> {
  const scope = makeSendScope(config, context);
  const video = post.video ? await describeFile(await readAttachment(post.video, 'video', scope)) : null;
  const cover = post.cover ? await describeFile(await readAttachment(post.cover, 'cover', scope)) : null;
  const payload = {
    type: 'promo.post',
    id: post.key,
    text: post.text,
    due: post.due.toISOString(),
    stream: { title: post.stream.title, start: post.stream.start?.toISOString() ?? null, url: post.stream.url ?? null },
    subject: post.subject ?? null,
    video,
    cover,
  };
  const bodyText = JSON.stringify(payload);
  const timestamp = Math.floor(context.now().getTime() / 1000);
  const response = await httpRequest({
    url: new URL(config.url),
    headers: {
      'webhook-id': post.key,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signStandardWebhook(config.secret, post.key, timestamp, bodyText),
    },
    body: jsonBody(bodyText),
  }, scope);
  const error = httpStatusError(response, scope, { authHint: 'the receiver refused the signature: check the webhook secret and this machine\'s clock' });
  if (error) throw error;
  return { detail: `HTTP ${response.status}${response.text.trim() ? ` ${summarizeBody(response.text)}` : ''}` };
}

async function describeFile(file: Attachment): Promise<{ file: string; bytes: number; sha256: string }> {
  return { file: file.name, bytes: file.bytes, sha256: await hashFile(file.path, 'sha256') };
}

/**
 * `v1,<base64 HMAC-SHA256(key, "id.timestamp.body")>`. A `whsec_` secret carries the key in
 * base64 after the prefix (the spec's form); any other secret is used as its UTF-8 bytes.
 */
export function signStandardWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice('whsec_'.length), 'base64') : Buffer.from(secret, 'utf8');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}
