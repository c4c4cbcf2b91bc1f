// The first steps of a TikTok Direct Post: the caption and file checked, creator_info/query asked
// what this account may post (privacy options, longest video), then video/init with FILE_UPLOAD
// opening the upload task. Nothing is visible on TikTok until all chunks are uploaded.
import { readMp4Movie } from '../media/read-mp4-movie.ts';
import { CHANNEL_LIMITS } from './channel-limits.ts';
import type { ChannelConfig, OutgoingPost } from './channel-types.ts';
import type { Attachment } from './read-attachment.ts';
import type { TiktokProgress } from './read-tiktok-progress.ts';
import { scopedError } from './send-scope.ts';
import type { TiktokApiClient } from './tiktok-api-client.ts';
import { planTiktokChunks } from './tiktok-chunk-plan.ts';

const LIMITS = CHANNEL_LIMITS.tiktok;
// Media transfer guide: "video/mp4, video/quicktime, video/webm".
const VIDEO_TYPES = ['video/mp4', 'video/quicktime', 'video/webm'];

/** Opens the upload task of `post`'s video (after creator_info's checks); the caller checkpoints it. */
export async function startTiktokPost(config: Extract<ChannelConfig, { type: 'tiktok' }>, post: OutgoingPost, video: Attachment, api: TiktokApiClient): Promise<TiktokProgress> {
  const { scope } = api;
  const privacy = config.privacy ?? 'SELF_ONLY';
  if (post.text.length > LIMITS.textLimit) {
    throw scopedError(scope, `the caption has ${post.text.length} characters, TikTok takes at most ${LIMITS.textLimit}: shorten the post's text`, { retryable: false });
  }
  if (!VIDEO_TYPES.includes(video.contentType)) {
    throw scopedError(scope, `TikTok takes MP4, MOV or WebM videos, not ${video.name}`, { retryable: false });
  }
  if (video.bytes > LIMITS.maxVideoBytes!) {
    throw scopedError(scope, `${video.name} has ${video.bytes} bytes, TikTok takes at most ${LIMITS.maxVideoBytes}`, { retryable: false });
  }

  // "Must be called before each post": the account's options can change (a private account has
  // FOLLOWER_OF_CREATOR instead of PUBLIC_TO_EVERYONE).
  const { data: creator } = await api.post('/v2/post/publish/creator_info/query/', {});
  const options = Array.isArray(creator.privacy_level_options) ? creator.privacy_level_options.filter((o): o is string => typeof o === 'string') : [];
  if (!options.includes(privacy)) {
    throw scopedError(scope, `privacy ${privacy} is not one this TikTok account may use; it offers ${options.join(', ') || 'none'}: set channels.${config.name}.privacy to one of them in config.yaml`, { retryable: false });
  }

  // Each creator's own longest post (at least 3 minutes, at most the API's 10).
  const longest = creator.max_video_post_duration_sec;
  const seconds = video.contentType === 'video/webm' ? undefined : (await readMp4Movie(video.path))?.duration;
  if (typeof longest === 'number' && seconds !== undefined && seconds > longest) {
    throw scopedError(scope, `${video.name} lasts ${seconds.toFixed(1)} s; this TikTok account may post at most ${longest} s: use a shorter video for this post`, { retryable: false });
  }

  const plan = planTiktokChunks(video.bytes);
  const { data } = await api.post('/v2/post/publish/video/init/', {
    post_info: {
      title: post.text,
      privacy_level: privacy,
      disable_comment: config.disableComment ?? false,
      disable_duet: config.disableDuet ?? false,
      disable_stitch: config.disableStitch ?? false,
    },
    source_info: { source: 'FILE_UPLOAD', video_size: plan.videoSize, chunk_size: plan.chunkSize, total_chunk_count: plan.chunkCount },
  });
  if (typeof data.publish_id !== 'string' || !data.publish_id || typeof data.upload_url !== 'string') {
    throw scopedError(scope, 'TikTok\'s video/init answer has no publish_id or upload_url', { retryable: false });
  }
  const username = typeof creator.creator_username === 'string' && creator.creator_username ? creator.creator_username : undefined;
  return {
    publishId: data.publish_id,
    uploadUrl: uploadUrlVia(data.upload_url, config.api, scope),
    uploadUrlAt: scope.context.now().toISOString(),
    videoSize: plan.videoSize,
    uploadedBytes: 0,
    privacy,
    ...(username ? { username } : {}),
  };
}

// `api:` replaces every TikTok host, the upload host included: the URL's path and query (which
// carry upload_id and upload_token) stay as TikTok gave them.
function uploadUrlVia(uploadUrl: string, api: string | undefined, scope: TiktokApiClient['scope']): string {
  let url: URL;
  try {
    url = new URL(uploadUrl);
  } catch {
    throw scopedError(scope, 'TikTok\'s video/init answer has an upload_url that is not a URL', { retryable: false });
  }
  return api ? `${api.replace(/\/+$/, '')}${url.pathname}${url.search}` : url.href;
}
