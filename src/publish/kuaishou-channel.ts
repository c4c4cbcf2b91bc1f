// Kuaishou (快手) through the open platform, for the connected user: start_upload → the video to
// the endpoint it names → photo/publish with caption and cover. The upload token and endpoint,
// each fragment and the publish are checkpointed; publish is asked at most once per post: after a
// lost answer the post is looked for in the user's photo list, never published again.
import { ChannelError, type ChannelConfigOf, type ChannelDriver, type OutgoingPost, type SendContext, type SendResult } from './channel-types.ts';
import { callKuaishou } from './kuaishou-api.ts';
import { uploadKuaishouVideo, type KuaishouUploadProgress } from './kuaishou-upload.ts';
import { multipartBody } from './multipart-body.ts';
import { progressKeeper, type ProgressKeeper } from './progress-keeper.ts';
import { readAttachment } from './read-attachment.ts';
import { makeSendScope, scopedError, type SendScope } from './send-scope.ts';

type KuaishouConfig = ChannelConfigOf<'kuaishou'>;

interface KuaishouProgress extends KuaishouUploadProgress {
  publishAskedAt: string;
  photoId: string;
}

/** The Kuaishou channel. */
export function createKuaishouChannel(config: KuaishouConfig): ChannelDriver {
  // The upload token alone lets anyone upload into the post's upload.
  return { config, idempotent: false, resumable: true, secretProgress: ['uploadToken'], send: (post, context) => sendToKuaishou(config, post, context) };
}

async function sendToKuaishou(config: KuaishouConfig, post: OutgoingPost, context: SendContext): Promise<SendResult> {
  const scope = makeSendScope(config, context);
  const progress = progressKeeper<KuaishouProgress>(context, scope);
  if (progress.saved.photoId) return done(progress.saved.photoId);
  if (progress.saved.publishAskedAt) return recoverPublished(config, scope, progress, post);
  if (!post.video) throw scopedError(scope, 'a Kuaishou post needs a video: give the post `video:`', { retryable: false });
  // photo/publish requires a cover image.
  if (!post.cover) throw scopedError(scope, 'a Kuaishou post needs a cover image, and this post\'s video has none: render it with a cover', { retryable: false });
  const video = await readAttachment(post.video, 'video', scope);
  const cover = await readAttachment(post.cover, 'cover', scope);

  if (!progress.saved.uploadToken) {
    const started = await callKuaishou(config, scope, { method: 'POST', path: '/openapi/photo/start_upload', postsNothing: true });
    if (typeof started.upload_token !== 'string' || typeof started.endpoint !== 'string') throw scopedError(scope, 'the start_upload answer has no upload_token and endpoint', { retryable: false });
    await progress.save({ uploadToken: started.upload_token, endpoint: started.endpoint, fragmentsDone: 0 });
  }
  await uploadKuaishouVideo(config, scope, video, progress);

  await progress.save({ publishAskedAt: context.now().toISOString() });
  let answer: Record<string, unknown>;
  try {
    answer = await callKuaishou(config, scope, {
      method: 'POST',
      path: '/openapi/photo/publish',
      query: { upload_token: progress.saved.uploadToken! },
      body: multipartBody([
        { name: 'caption', value: post.text },
        { name: 'cover', file: cover.path, filename: cover.name, contentType: cover.contentType, size: cover.bytes },
      ]),
      postsNothing: false,
    });
  } catch (error) {
    // A refusal (or a request that never left) published nothing: a later attempt may ask again.
    if (error instanceof ChannelError && !error.options.maybeDelivered) await progress.save({ publishAskedAt: undefined });
    throw error;
  }
  const photoId = (answer.video_info as { photo_id?: unknown } | undefined)?.photo_id;
  if (typeof photoId !== 'string' || photoId === '') throw scopedError(scope, 'the publish answer has no video_info.photo_id', { retryable: false, maybeDelivered: true });
  await progress.save({ photoId });
  return done(photoId);
}

// Kuaishou publishes asynchronously: the photo id is final, visibility follows its review.
function done(photoId: string): SendResult {
  return { detail: `published photo ${photoId} (Kuaishou makes it visible after its review)`, remoteId: photoId };
}

// publish was asked but its photo id never saved: find the post among the user's latest.
async function recoverPublished(config: KuaishouConfig, scope: SendScope, progress: ProgressKeeper<KuaishouProgress>, post: OutgoingPost): Promise<SendResult> {
  const answer = await callKuaishou(config, scope, { method: 'GET', path: '/openapi/photo/list', query: { count: '20' }, postsNothing: true });
  const since = Date.parse(progress.saved.publishAskedAt ?? '') - 60_000;
  const list = (Array.isArray(answer.video_list) ? answer.video_list : []) as { photo_id?: unknown; caption?: unknown; create_time?: unknown }[];
  const match = list.find((photo) => typeof photo.photo_id === 'string' && photo.caption === post.text && Number(photo.create_time) >= since);
  if (typeof match?.photo_id !== 'string') {
    throw scopedError(scope, 'photo/publish was sent but its answer was lost, and the post is not among the account\'s latest: check the Kuaishou app before retrying (a retry could post twice)', { retryable: false, maybeDelivered: true });
  }
  await progress.save({ photoId: match.photo_id });
  return done(match.photo_id);
}
