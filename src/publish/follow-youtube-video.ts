// After the upload: the video followed to its final state with videos.list
// (part=status,processingDetails, https://developers.google.com/youtube/v3/docs/videos). Uploaded
// ahead, it is checked at its publishAt (that YouTube made it public); uploaded at the due time,
// processing is polled until it succeeds. A video YouTube fails or rejects, or keeps private past
// its time (projects before the API compliance audit upload private only), fails the post.
// Only the polls' spacing uses the clock: when to look again at a scheduled video is its publishAt.
import type { SendResult } from './channel-types.ts';
import { parseJsonObject } from './parse-json-object.ts';
import type { BearerRequester } from './bearer-requester.ts';
import { scopedError, type SendScope } from './send-scope.ts';
import type { YoutubeConfig, YoutubeSettings } from './youtube-config.ts';
import { youtubeEndpoint } from './youtube-endpoint.ts';
import { youtubeError } from './youtube-error.ts';

export interface FollowOptions {
  config: YoutubeConfig;
  settings: YoutubeSettings;
  videoId: string;
  /** The saved progress: `publishAt`, `checks` (how many polls so far), `thumbnail`. */
  progress: Readonly<Record<string, unknown>>;
  save(progress: Record<string, unknown>): Promise<void>;
  scope: SendScope;
  request: BearerRequester;
  /** Seconds between polls. */
  pollSeconds: number;
}

// An hour of polls at 30 s: beyond that something is wrong at YouTube, and a person should look.
const MAX_CHECKS = 120;

/** The send's result for the uploaded video: finished, or `again` when to look next. */
export async function followYoutubeVideo(options: FollowOptions): Promise<SendResult> {
  const { videoId, progress, scope } = options;
  const found = { remoteId: videoId, url: `https://www.youtube.com/watch?v=${videoId}` };
  const thumbnail = typeof progress.thumbnail === 'string' ? `, thumbnail ${progress.thumbnail}` : '';
  const publishAt = typeof progress.publishAt === 'string' ? new Date(progress.publishAt) : undefined;
  if (publishAt && progress.checks === undefined) {
    // Just uploaded: the next look is at publishAt (by the scheduler's clock, not this one).
    await options.save({ checks: 0 });
    return { detail: `uploaded video ${videoId}, private until ${publishAt.toISOString()} (publishAt)${thumbnail}`, ...found, again: { at: publishAt, reason: 'check that YouTube made it public' } };
  }

  const answer = await options.request({ url: youtubeEndpoint(options.config, 'api', '/youtube/v3/videos', { part: 'status,processingDetails', id: videoId }), method: 'GET' });
  if (answer.status !== 200) throw youtubeError(answer, scope, 'checking the uploaded video', options.config.name);
  const items = parseJsonObject(answer.text)?.items;
  const video = (Array.isArray(items) ? items[0] : undefined) as { status?: Record<string, unknown>; processingDetails?: Record<string, unknown> } | undefined;
  const gone = { retryable: false, maybeDelivered: true, partial: true } as const;
  if (!video) throw scopedError(scope, `video ${videoId} was uploaded but YouTube no longer lists it (deleted?)`, gone);
  const status = video.status ?? {};
  const processing = video.processingDetails?.processingStatus;
  if (status.uploadStatus === 'failed' || status.uploadStatus === 'rejected' || status.uploadStatus === 'deleted') {
    const why = status.failureReason ?? status.rejectionReason ?? 'no reason given';
    throw scopedError(scope, `YouTube ${String(status.uploadStatus)} video ${videoId} (${String(why)})`, { retryable: false });
  }
  if (processing === 'failed' || processing === 'terminated') {
    const why = video.processingDetails?.processingFailureReason ?? 'no reason given';
    throw scopedError(scope, `YouTube's processing of video ${videoId} ${processing} (${String(why)})`, { retryable: false });
  }

  const privacy = status.privacyStatus;
  const processed = processing === 'succeeded' || status.uploadStatus === 'processed';
  // Scheduled public: YouTube flips it at publishAt, once processed; give it a few polls.
  const waitingToGoPublic = publishAt !== undefined && privacy !== 'public';
  if (processed && !waitingToGoPublic) {
    return { detail: `published video ${videoId} (${String(privacy ?? options.settings.privacy)}, processed)${thumbnail}`, ...found };
  }
  const checks = (typeof progress.checks === 'number' ? progress.checks : 0) + 1;
  if (checks > MAX_CHECKS) {
    const why = waitingToGoPublic && processed
      ? `YouTube keeps video ${videoId} private past its publishAt: a Google Cloud project that has not passed the YouTube API compliance audit can upload private videos only`
      : `YouTube is still processing video ${videoId} after ${MAX_CHECKS} checks`;
    throw scopedError(scope, why, gone);
  }
  await options.save({ checks });
  const now = scope.context.now();
  const reason = processed ? 'check that YouTube made it public' : `processing (${String(processing ?? status.uploadStatus ?? 'unknown')})`;
  return { detail: `uploaded video ${videoId}, ${reason}${thumbnail}`, ...found, again: { at: new Date(now.getTime() + options.pollSeconds * 1000), afterSeconds: options.pollSeconds, reason } };
}
