// YouTube Data API v3: the post's video uploaded with resumable videos.insert (private with
// status.publishAt when it goes up ahead of its time), its cover set with thumbnails.set, then
// followed with videos.list until it is public and processed. Every step is checkpointed before
// the step it enables, so an attempt after a crash carries on where the last one stopped and a
// post never becomes a second video.
import { stat } from 'node:fs/promises';
import type { ChannelDriver, OutgoingPost, SendContext, SendResult } from './channel-types.ts';
import { followYoutubeVideo } from './follow-youtube-video.ts';
import { makeBearerRequester } from './bearer-requester.ts';
import { readAttachment } from './read-attachment.ts';
import { makeSendScope, scopedError } from './send-scope.ts';
import { setYoutubeThumbnail } from './set-youtube-thumbnail.ts';
import { uploadYoutubeVideo, YOUTUBE_CHUNK_UNIT } from './upload-youtube-video.ts';
import { youtubeSettings, type YoutubeConfig } from './youtube-config.ts';
import { youtubeVideoResource } from './youtube-video-resource.ts';

export interface YoutubeChannelOptions {
  /** Bytes per upload request, a multiple of 256 KiB (default 100 MiB). */
  chunkBytes?: number;
  /** Seconds between processing checks (default 30). */
  pollSeconds?: number;
}

// Google discourages small chunks (each request is a round trip in which nothing is sent); 100 MiB
// is the default of Google's own Python client (googleapiclient.http DEFAULT_CHUNK_SIZE). A resume
// loses nothing either way (the session says what it kept), and memory does not depend on it:
// chunks stream from disk.
const DEFAULT_CHUNK = 400 * YOUTUBE_CHUNK_UNIT;

/** The YouTube channel. */
export function createYoutubeChannel(config: YoutubeConfig, options: YoutubeChannelOptions = {}): ChannelDriver {
  const settings = youtubeSettings(config);
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK;
  if (chunkBytes <= 0 || chunkBytes % YOUTUBE_CHUNK_UNIT !== 0) throw new Error(`chunkBytes must be a multiple of ${YOUTUBE_CHUNK_UNIT}, not ${chunkBytes}`);
  return {
    config,
    idempotent: false,
    resumable: true,
    // Only a public video can be scheduled (publishAt needs private, and turns it public):
    // unlisted and private ones go up at their time.
    leadSeconds: settings.privacy === 'public' ? settings.leadSeconds : 0,
    // The resumable session URI is a capability: anyone holding it can upload into the session.
    secretProgress: ['session'],
    send: (post, context) => sendToYoutube(config, post, context, chunkBytes, options.pollSeconds ?? 30),
  };
}

async function sendToYoutube(config: YoutubeConfig, post: OutgoingPost, context: SendContext, chunkBytes: number, pollSeconds: number): Promise<SendResult> {
  const scope = makeSendScope(config, context);
  const settings = youtubeSettings(config);
  const request = makeBearerRequester(scope, config.name);
  let progress: Record<string, unknown> = { ...context.progress };
  const save = async (more: Record<string, unknown>): Promise<void> => {
    progress = { ...progress, ...more };
    await context.checkpoint?.(progress);
  };

  if (typeof progress.videoId !== 'string') {
    if (!post.video) throw scopedError(scope, 'a YouTube post needs a video: add `video:` to the post', { retryable: false });
    const video = await readAttachment(post.video, 'video', scope);
    const { mtimeMs } = await stat(video.path);
    const uploaded = await uploadYoutubeVideo({
      config, video: { ...video, mtimeMs }, resource: youtubeVideoResource(post, settings),
      scope, request, progress, save, chunkBytes,
    });
    await save({ videoId: uploaded.id });
  }
  const videoId = progress.videoId as string;
  if (post.cover && progress.thumbnail === undefined) {
    await save({ thumbnail: await setYoutubeThumbnail(config, videoId, post.cover, scope, request) });
  }
  return followYoutubeVideo({ config, settings, videoId, progress, save, scope, request, pollSeconds });
}
