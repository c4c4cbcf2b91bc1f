// The post's cover as the video's thumbnail: thumbnails.set
// (https://developers.google.com/youtube/v3/docs/thumbnails/set), the image as the body. A cover
// YouTube will not take (a channel not verified for custom thumbnails, an image it refuses) does
// not fail the post: the video is up, and YouTube shows a frame of its own; the detail says why.
import { CHANNEL_LIMITS } from './channel-limits.ts';
import { fileRangeBody } from './http-request.ts';
import type { BearerRequester } from './bearer-requester.ts';
import { readAttachment } from './read-attachment.ts';
import { formatMegabytes } from './format-megabytes.ts';
import type { SendScope } from './send-scope.ts';
import type { YoutubeConfig } from './youtube-config.ts';
import { youtubeEndpoint } from './youtube-endpoint.ts';
import { googleReason, youtubeError } from './youtube-error.ts';

/** Sets `cover` as the thumbnail of `videoId`; returns what happened, for the detail: `set` or `not set: why`. */
export async function setYoutubeThumbnail(config: YoutubeConfig, videoId: string, cover: string, scope: SendScope, request: BearerRequester): Promise<string> {
  const image = await readAttachment(cover, 'cover', scope);
  const limit = CHANNEL_LIMITS.youtube.maxCoverBytes;
  if (image.bytes > limit) return `not set: the cover is ${formatMegabytes(image.bytes)}, over YouTube's ${formatMegabytes(limit)}`;
  const answer = await request({
    url: youtubeEndpoint(config, 'upload', '/upload/youtube/v3/thumbnails/set', { videoId, uploadType: 'media' }),
    body: fileRangeBody(image.path, 0, image.bytes, image.contentType === 'application/octet-stream' ? 'image/jpeg' : image.contentType),
    // Setting the same thumbnail twice changes nothing.
    postsNothing: true,
  });
  if (answer.status >= 200 && answer.status < 300) return 'set';
  const { reason, message } = googleReason(answer);
  if ((answer.status === 403 && reason === 'forbidden') || (answer.status === 400 && reason === 'invalidImage')) {
    return `not set: ${reason}: ${message ?? 'refused'}${reason === 'forbidden' ? ' (custom thumbnails need a verified channel: youtube.com/verify)' : ''}`;
  }
  throw youtubeError(answer, scope, 'setting the thumbnail', config.name);
}
