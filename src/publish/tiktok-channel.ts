// TikTok Content Posting API, Direct Post (https://developers.tiktok.com/doc/content-posting-api-reference-direct-post):
// creator_info/query (the account's privacy options and longest video) → video/init with
// FILE_UPLOAD → the chunks PUT to the upload URL → status/fetch until PUBLISH_COMPLETE or FAILED.
// Exactly once across crashes: the publish id and upload URL are checkpointed before the first
// byte goes up; a send with them saved asks status/fetch and never calls init for a second video
// (only an upload task that can no longer become a video, its URL expired, is replaced).
import type { ChannelConfig, ChannelDriver, OutgoingPost, SendContext, SendResult } from './channel-types.ts';
import { readAttachment } from './read-attachment.ts';
import { makeSendScope, scopedError, type SendScope } from './send-scope.ts';
import { tiktokApiClient, type TiktokApiClient } from './tiktok-api-client.ts';
import { planTiktokChunks } from './tiktok-chunk-plan.ts';
import { readTiktokProgress, type TiktokProgress } from './read-tiktok-progress.ts';
import { startTiktokPost } from './start-tiktok-post.ts';
import { uploadTiktokChunks } from './upload-tiktok-chunks.ts';

type TiktokConfig = Extract<ChannelConfig, { type: 'tiktok' }>;

// The upload URL is "valid for one hour"; resume only with a margin left for the chunks.
const UPLOAD_URL_SECONDS = 3600;
const UPLOAD_URL_MARGIN_SECONDS = 300;
// status/fetch takes 30 requests a minute per token; every 10 s leaves room for a few posts.
const POLL_SECONDS = 10;

/** The TikTok channel (Direct Post of the post's video, its text as the caption). */
export function createTiktokChannel(config: TiktokConfig): ChannelDriver {
  // uploadUrl carries TikTok's upload_token: whoever has it can upload into this post for an hour.
  return { config, idempotent: false, resumable: true, secretProgress: ['uploadUrl'], send: (post, context) => sendToTiktok(config, post, context) };
}

async function sendToTiktok(config: TiktokConfig, post: OutgoingPost, context: SendContext): Promise<SendResult> {
  const api = tiktokApiClient(config, makeSendScope(config, context));
  const { scope } = api;
  if (!post.video) throw scopedError(scope, 'a TikTok post needs a video: add `video:` to the post', { retryable: false });
  // Without saved progress a crash after init could not be followed up: never sent that way.
  if (!context.checkpoint) throw scopedError(scope, 'this channel publishes in steps and needs a caller that saves its progress (the scheduler does)', { retryable: false });
  const video = await readAttachment(post.video, 'video', scope);
  const saved = readTiktokProgress(context.progress);
  let progress = saved ?? (await startTiktokPost(config, post, video, api));
  if (saved) {
    if (saved.videoSize !== video.bytes) {
      throw scopedError(scope, `the video ${video.name} changed size since its upload began (${saved.videoSize} → ${video.bytes} bytes); TikTok upload ${saved.publishId} was left unfinished`, { retryable: false });
    }
    const status = await fetchStatus(api, saved.publishId);
    if (status.status === 'PUBLISH_COMPLETE' || status.status === 'SEND_TO_USER_INBOX') return published(saved, status, post);
    if (status.status === 'FAILED') return failed(config, saved, status, scope, context);
    const uploaded = Math.max(saved.uploadedBytes, status.uploadedBytes ?? 0);
    if (uploaded >= saved.videoSize) return again(context, `TikTok is processing the video (${status.status})`);
    progress = { ...saved, uploadedBytes: uploaded };
    if (expired(progress, context)) progress = await startOver(config, post, video, api, context, progress);
  } else {
    await context.checkpoint?.({ ...progress });
  }

  const plan = planTiktokChunks(video.bytes);
  let outcome = await upload(progress, plan, video.path, video.contentType, api, context);
  if (outcome === 'expired') {
    progress = await startOver(config, post, video, api, context, progress);
    outcome = await upload(progress, plan, video.path, video.contentType, api, context);
    if (outcome === 'expired') throw scopedError(scope, 'TikTok refused a fresh upload URL (HTTP 403/404); try again later', { retryable: true });
  }
  return again(context, 'TikTok is processing the uploaded video');
}

async function upload(progress: TiktokProgress, plan: ReturnType<typeof planTiktokChunks>, path: string, contentType: string, api: TiktokApiClient, context: SendContext): Promise<'done' | 'expired'> {
  let current = progress;
  return uploadTiktokChunks({
    path, contentType, plan, uploadUrl: new URL(progress.uploadUrl), uploaded: progress.uploadedBytes, scope: api.scope,
    confirmed: async (uploaded) => {
      current = { ...current, uploadedBytes: uploaded };
      await context.checkpoint?.({ ...current });
    },
  });
}

// An upload task whose URL expired before all bytes arrived can never become a video: a new
// init is safe (and costs one of the 6 inits a minute).
async function startOver(config: TiktokConfig, post: OutgoingPost, video: Awaited<ReturnType<typeof readAttachment>>, api: TiktokApiClient, context: SendContext, old: TiktokProgress): Promise<TiktokProgress> {
  const progress = { ...(await startTiktokPost(config, post, video, api)), replaced: old.publishId };
  await context.checkpoint?.({ ...progress });
  return progress;
}

function expired(progress: TiktokProgress, context: SendContext): boolean {
  const issued = Date.parse(progress.uploadUrlAt);
  return context.now().getTime() > issued + (UPLOAD_URL_SECONDS - UPLOAD_URL_MARGIN_SECONDS) * 1000;
}

interface TiktokStatus {
  status: string;
  failReason?: string;
  postId?: string;
  uploadedBytes?: number;
}

async function fetchStatus(api: TiktokApiClient, publishId: string): Promise<TiktokStatus> {
  const { data, text } = await api.post('/v2/post/publish/status/fetch/', { publish_id: publishId });
  // The post id is an int64: read from the text, as JSON.parse rounds numbers above 2^53.
  const postId = /"publicaly_available_post_id"\s*:\s*\[\s*"?(\d+)/.exec(text)?.[1];
  return {
    status: typeof data.status === 'string' ? data.status : 'UNKNOWN',
    ...(typeof data.fail_reason === 'string' && data.fail_reason ? { failReason: data.fail_reason } : {}),
    ...(postId ? { postId } : {}),
    ...(typeof data.uploaded_bytes === 'number' ? { uploadedBytes: data.uploaded_bytes } : {}),
  };
}

function published(progress: TiktokProgress, status: TiktokStatus, post: OutgoingPost): SendResult {
  if (status.status === 'SEND_TO_USER_INBOX') return { detail: `sent to the TikTok inbox (publish id ${progress.publishId})`, remoteId: progress.publishId };
  if (!status.postId) {
    // TikTok gives the post id only once a post is public (moderation done): SELF_ONLY posts never have one.
    return { detail: `published on TikTok (publish id ${progress.publishId}; TikTok gives no post id for ${progress.privacy} posts)`, remoteId: progress.publishId };
  }
  const url = progress.username ? `https://www.tiktok.com/@${progress.username}/video/${status.postId}` : undefined;
  return { detail: `published TikTok post ${status.postId}${post.subject ? ` (${post.subject})` : ''}`, remoteId: status.postId, ...(url ? { url } : {}) };
}

async function failed(config: TiktokConfig, progress: TiktokProgress, status: TiktokStatus, scope: SendScope, context: SendContext): Promise<never> {
  const reason = status.failReason ?? 'no reason given';
  // A FAILED upload can never become a video: its progress goes, so that a retry (`internal`,
  // TikTok's one retryable reason, or a person's `promo posts retry`) makes a new one.
  await context.checkpoint?.({});
  if (reason === 'internal') {
    throw scopedError(scope, `TikTok failed to publish upload ${progress.publishId} (fail_reason internal); it will be uploaded again`, { retryable: true });
  }
  const hint = reason === 'auth_removed' ? `: run \`promo accounts connect ${config.name}\`` : reason.endsWith('_check_failed') ? ': the video does not meet TikTok\'s requirements (format, duration, frame rate or size)' : '';
  throw scopedError(scope, `TikTok did not publish the video (fail_reason ${reason})${hint}`, { retryable: false });
}

function again(context: SendContext, reason: string): SendResult {
  return { detail: reason, again: { at: new Date(context.now().getTime() + POLL_SECONDS * 1000), afterSeconds: POLL_SECONDS, reason } };
}
