// Douyin (抖音) through the open platform, for the connected user (open_id): upload (in parts above
// 128 MB), the cover with upload_image → create_video (custom_cover_image_url) → video_data until
// Douyin's review has decided. Each id is checkpointed
// before the step it enables; create_video is asked at most once per post: after a lost answer
// the post is looked for in the user's video list, never created again (Douyin has no
// idempotency key, and a second create would be a second post).
import { ChannelError, type ChannelConfigOf, type ChannelDriver, type OutgoingPost, type SendContext, type SendResult } from './channel-types.ts';
import { callDouyin } from './douyin-api.ts';
import { uploadDouyinVideo, type DouyinUploadProgress } from './douyin-upload.ts';
import { CHANNEL_LIMITS } from './channel-limits.ts';
import { jsonBody } from './http-request.ts';
import { multipartBody } from './multipart-body.ts';
import { progressKeeper, type ProgressKeeper } from './progress-keeper.ts';
import { readAttachment } from './read-attachment.ts';
import { formatMegabytes } from './format-megabytes.ts';
import { makeSendScope, scopedError, type SendScope } from './send-scope.ts';

type DouyinConfig = ChannelConfigOf<'douyin'>;

const LIMITS = CHANNEL_LIMITS.douyin;

interface DouyinProgress extends DouyinUploadProgress {
  /** The cover's image_id from upload_image (custom_cover_image_url). */
  coverImageId: string;
  /** When create_video was asked (ISO): from then on it is never asked again. */
  createAskedAt: string;
  itemId: string;
}

// Review usually takes minutes; polled at this pace until it decides.
const POLL_SECONDS = 60;

/** The Douyin channel. */
export function createDouyinChannel(config: DouyinConfig): ChannelDriver {
  return { config, idempotent: false, resumable: true, send: (post, context) => sendToDouyin(config, post, context) };
}

async function sendToDouyin(config: DouyinConfig, post: OutgoingPost, context: SendContext): Promise<SendResult> {
  const scope = makeSendScope(config, context);
  const progress = progressKeeper<DouyinProgress>(context, scope);
  const openId = await context.accountId?.();
  if (!openId) throw scopedError(scope, `the connected account has no open_id: run promo accounts connect ${config.name}`, { retryable: false, auth: true });
  if (progress.saved.itemId) return follow(config, scope, openId, progress.saved.itemId);
  if (progress.saved.createAskedAt) return recoverCreated(config, scope, openId, progress, post);
  if (!post.video) throw scopedError(scope, 'a Douyin post needs a video: give the post `video:`', { retryable: false });
  const video = await readAttachment(post.video, 'video', scope);
  if (video.bytes > LIMITS.maxVideoBytes) throw scopedError(scope, `${video.name} has ${formatMegabytes(video.bytes)}; Douyin takes at most ${formatMegabytes(LIMITS.maxVideoBytes)}`, { retryable: false });
  const cover = post.cover ? await readAttachment(post.cover, 'cover', scope) : undefined;
  const videoId = await uploadDouyinVideo(config, scope, openId, video, progress);
  let coverImageId = progress.saved.coverImageId;
  if (cover && !coverImageId) {
    const image = await callDouyin(config, scope, openId, {
      path: '/api/douyin/v1/video/upload_image/',
      body: multipartBody([{ name: 'image', file: cover.path, filename: cover.name, contentType: cover.contentType, size: cover.bytes }]),
      postsNothing: true,
    });
    coverImageId = (image.image as { image_id?: unknown } | undefined)?.image_id as string | undefined;
    if (typeof coverImageId !== 'string' || coverImageId === '') throw scopedError(scope, 'the upload_image answer has no image.image_id', { retryable: false });
    await progress.save({ coverImageId });
  }

  await progress.save({ createAskedAt: context.now().toISOString() });
  let data: Record<string, unknown>;
  try {
    data = await callDouyin(config, scope, openId, {
      path: '/api/douyin/v1/video/create_video/',
      body: jsonBody(JSON.stringify({ video_id: videoId, text: post.text, ...(coverImageId ? { custom_cover_image_url: coverImageId } : {}) })),
      postsNothing: false,
    });
  } catch (error) {
    // A refusal (or a request that never left) created nothing: a later attempt may ask again.
    if (error instanceof ChannelError && !error.options.maybeDelivered) await progress.save({ createAskedAt: undefined });
    throw error;
  }
  if (typeof data.item_id !== 'string' || data.item_id === '') throw scopedError(scope, 'the create_video answer has no item_id', { retryable: false, maybeDelivered: true });
  await progress.save({ itemId: data.item_id });
  return follow(config, scope, openId, data.item_id);
}

// video_data: video_status 1 published, 2 not suitable to be public (review), 4 under review.
async function follow(config: DouyinConfig, scope: SendScope, openId: string, itemId: string): Promise<SendResult> {
  const data = await callDouyin(config, scope, openId, { path: '/api/douyin/v1/video/video_data/', body: jsonBody(JSON.stringify({ item_ids: [itemId] })), postsNothing: true });
  const item = (Array.isArray(data.list) ? data.list : []).find((entry: { item_id?: unknown }) => entry.item_id === itemId) as { video_status?: unknown; share_url?: unknown } | undefined;
  const url = typeof item?.share_url === 'string' && item.share_url !== '' ? { url: item.share_url } : {};
  const status = Number(item?.video_status);
  if (status === 1) return { detail: `posted video ${itemId}`, remoteId: itemId, ...url };
  if (status === 2) throw scopedError(scope, `Douyin's review did not let video ${itemId} be public (video_status 2, 不适宜公开); see the Douyin app`, { retryable: false });
  return { detail: `posted video ${itemId}; Douyin is reviewing it`, remoteId: itemId, ...url, again: { at: new Date(scope.context.now().getTime() + POLL_SECONDS * 1000), afterSeconds: POLL_SECONDS, reason: 'under review' } };
}

// create_video was asked but its item_id never saved: find the post among the user's latest.
async function recoverCreated(config: DouyinConfig, scope: SendScope, openId: string, progress: ProgressKeeper<DouyinProgress>, post: OutgoingPost): Promise<SendResult> {
  const data = await callDouyin(config, scope, openId, { path: '/api/douyin/v1/video/video_list/', method: 'GET', query: { cursor: '0', count: '20' }, postsNothing: true });
  const since = Math.floor(Date.parse(progress.saved.createAskedAt ?? '') / 1000) - 60;
  const list = (Array.isArray(data.list) ? data.list : []) as { item_id?: unknown; title?: unknown; create_time?: unknown }[];
  const match = list.find((item) => typeof item.item_id === 'string' && item.title === post.text && Number(item.create_time) >= since);
  if (typeof match?.item_id !== 'string') {
    throw scopedError(scope, 'create_video was sent but its answer was lost, and the post is not among the account\'s latest videos: check the Douyin app before retrying (a retry could post twice)', { retryable: false, maybeDelivered: true });
  }
  await progress.save({ itemId: match.item_id });
  return follow(config, scope, openId, match.item_id);
}
