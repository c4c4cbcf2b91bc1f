// Instagram Reels through the Graph API (https://developers.facebook.com/docs/instagram-platform/content-publishing/resumable-uploads).
// Each step is checkpointed before the step it enables, so a send called again after a crash
// picks up where the service is: a saved container is polled (never a second one), a saved
// media id is never published again. The container is made and uploaded ahead of the due time
// (leadSeconds); media_publish waits for the time: Instagram has no scheduled publishing.
import { CHANNEL_LIMITS } from './channel-limits.ts';
import type { ChannelConfigOf, ChannelDriver, OutgoingPost, SendContext, SendResult } from './channel-types.ts';
import { callInstagramGraph } from './instagram-graph.ts';
import { uploadInstagramVideo } from './instagram-upload.ts';
import { progressKeeper, type ProgressKeeper } from './progress-keeper.ts';
import { readAttachment } from './read-attachment.ts';
import { formatMegabytes } from './format-megabytes.ts';
import { makeSendScope, scopedError, type SendScope } from './send-scope.ts';

type InstagramConfig = ChannelConfigOf<'instagram'>;

const LIMITS = CHANNEL_LIMITS.instagram;

interface InstagramProgress {
  containerId: string;
  uploadUri: string;
  /** Every byte is with the service. */
  uploaded: boolean;
  /** When media_publish was first asked (ISO): after a lost answer, the media is looked for from then. */
  publishAskedAt: string;
  mediaId: string;
  permalink: string;
}

// The resumable-uploads guide: poll the container "once per minute".
const POLL_SECONDS = 60;
// Uploaded and processed ahead, published at the due time (containers live 24 h).
const LEAD_SECONDS = 30 * 60;

/** The Instagram Reels channel. */
export function createInstagramChannel(config: InstagramConfig): ChannelDriver {
  // The container's upload URI is kept with the tokens, not in the state database (it names the upload).
  return { config, idempotent: false, resumable: true, leadSeconds: LEAD_SECONDS, secretProgress: ['uploadUri'], send: (post, context) => sendToInstagram(config, post, context) };
}

async function sendToInstagram(config: InstagramConfig, post: OutgoingPost, context: SendContext): Promise<SendResult> {
  const scope = makeSendScope(config, context);
  const progress = progressKeeper<InstagramProgress>(context, scope);
  if (progress.saved.mediaId) return published(config, scope, progress, progress.saved.mediaId);
  if (!post.video) throw scopedError(scope, 'an Instagram post needs a video: give the post `video:`', { retryable: false });
  const video = await readAttachment(post.video, 'video', scope);
  if (video.bytes > LIMITS.maxVideoBytes) throw scopedError(scope, `${video.name} has ${formatMegabytes(video.bytes)}; Instagram Reels take at most ${formatMegabytes(LIMITS.maxVideoBytes)}`, { retryable: false });

  let { containerId, uploadUri } = progress.saved;
  const resuming = containerId !== undefined;
  if (!containerId || !uploadUri) {
    const created = await callInstagramGraph(config, scope, {
      method: 'POST',
      path: `/${config.accountId}/media`,
      params: { media_type: 'REELS', upload_type: 'resumable', caption: post.text, share_to_feed: String(config.shareToFeed ?? true) },
    });
    const json = 'json' in created ? created.json : {};
    if (typeof json.id !== 'string' || typeof json.uri !== 'string') throw scopedError(scope, 'the container answer has no id and uri', { retryable: false });
    containerId = json.id;
    uploadUri = json.uri;
    await progress.save({ containerId, uploadUri });
  }
  if (!progress.saved.uploaded) {
    await uploadInstagramVideo(config, scope, containerId, uploadUri, video, resuming);
    await progress.save({ uploaded: true });
  }

  const status = await callInstagramGraph(config, scope, { method: 'GET', path: `/${containerId}`, params: { fields: 'id,status,status_code,video_status' } });
  const json = 'json' in status ? status.json : {};
  const code = String(json.status_code ?? '');
  const said = typeof json.status === 'string' ? json.status : code;
  const now = context.now();
  if (code === 'ERROR') throw scopedError(scope, `Instagram could not process the video ${video.name}: ${said}`, { retryable: false });
  if (code === 'EXPIRED') throw scopedError(scope, `the container ${containerId} expired (24 h after it was made) before it was published; schedule the post again`, { retryable: false });
  if (code === 'PUBLISHED') return recoverPublished(config, scope, progress, post);
  if (code === 'IN_PROGRESS') {
    const phase = (json.video_status as { uploading_phase?: { status?: unknown; bytes_transferred?: unknown } } | undefined)?.uploading_phase;
    // A video the service lost part of (it says so): upload the rest before waiting on processing.
    if (phase && phase.status !== 'complete' && Number(phase.bytes_transferred ?? 0) < video.bytes) {
      await uploadInstagramVideo(config, scope, containerId, uploadUri, video, true);
    }
    return { detail: `uploaded ${video.name}; Instagram is processing it (${said})`, again: { at: new Date(now.getTime() + POLL_SECONDS * 1000), afterSeconds: POLL_SECONDS, reason: 'processing' } };
  }
  if (code !== 'FINISHED') throw scopedError(scope, `unexpected container status ${JSON.stringify(code)}`, { retryable: true });
  if (now < post.due) return { detail: `uploaded ${video.name} and processed; publishing at the due time`, again: { at: post.due, reason: 'ready: media_publish at the due time' } };
  return publish(config, scope, progress, containerId);
}

async function publish(config: InstagramConfig, scope: SendScope, progress: ProgressKeeper<InstagramProgress>, containerId: string): Promise<SendResult> {
  await checkPublishingQuota(config, scope);
  if (!progress.saved.publishAskedAt) await progress.save({ publishAskedAt: scope.context.now().toISOString() });
  const answer = await callInstagramGraph(config, scope, {
    method: 'POST',
    path: `/${config.accountId}/media_publish`,
    params: { creation_id: containerId },
    // 9007/2207027: the container is not ready yet after all.
    tolerate: (error) => error.code === 9007,
  });
  if ('error' in answer) {
    return { detail: `not ready to publish yet (${answer.error.message})`, again: { at: new Date(scope.context.now().getTime() + POLL_SECONDS * 1000), afterSeconds: POLL_SECONDS, reason: 'media not ready' } };
  }
  if (typeof answer.json.id !== 'string') throw scopedError(scope, 'the media_publish answer has no id', { retryable: false, maybeDelivered: true });
  await progress.save({ mediaId: answer.json.id });
  return published(config, scope, progress, answer.json.id);
}

// The account's 24-hour publishing quota, read before publishing as Meta advises (the documented
// figure varies between 25, 50 and 100): a full quota waits instead of asking media_publish to
// refuse. An account whose quota cannot be read is left to media_publish's own answer.
async function checkPublishingQuota(config: InstagramConfig, scope: SendScope): Promise<void> {
  let usage: number | undefined;
  let total: number | undefined;
  try {
    const answer = await callInstagramGraph(config, scope, { method: 'GET', path: `/${config.accountId}/content_publishing_limit`, params: { fields: 'config,quota_usage' } });
    const entry = ('json' in answer && Array.isArray(answer.json.data) ? answer.json.data[0] : undefined) as { quota_usage?: unknown; config?: { quota_total?: unknown } } | undefined;
    if (typeof entry?.quota_usage === 'number') usage = entry.quota_usage;
    if (typeof entry?.config?.quota_total === 'number') total = entry.config.quota_total;
  } catch {
    return;
  }
  if (usage !== undefined && total !== undefined && usage >= total) {
    throw scopedError(scope, `the account's 24-hour publishing limit is reached (${usage} of ${total} posts): waiting before publishing`, { retryable: true, retryAfter: 3600 });
  }
}

// The media's permalink, then the result; a failure to read it does not undo the publish.
async function published(config: InstagramConfig, scope: SendScope, progress: ProgressKeeper<InstagramProgress>, mediaId: string): Promise<SendResult> {
  let permalink = progress.saved.permalink;
  if (!permalink) {
    try {
      const answer = await callInstagramGraph(config, scope, { method: 'GET', path: `/${mediaId}`, params: { fields: 'id,permalink' } });
      if ('json' in answer && typeof answer.json.permalink === 'string') {
        permalink = answer.json.permalink;
        await progress.save({ permalink });
      }
    } catch {
      // The Reel is up; only its link is missing from the posts table.
    }
  }
  return { detail: `published Reel ${mediaId}`, remoteId: mediaId, ...(permalink ? { url: permalink } : {}) };
}

// The container says PUBLISHED but the media id never got saved (the media_publish answer was
// lost): the Reel is up, so it is never published again; it is looked for among the account's
// latest media by its caption and time.
async function recoverPublished(config: InstagramConfig, scope: SendScope, progress: ProgressKeeper<InstagramProgress>, post: OutgoingPost): Promise<SendResult> {
  const answer = await callInstagramGraph(config, scope, { method: 'GET', path: `/${config.accountId}/media`, params: { fields: 'id,caption,timestamp,permalink', limit: '25' } });
  const data = ('json' in answer && Array.isArray(answer.json.data) ? answer.json.data : []) as { id?: unknown; caption?: unknown; timestamp?: unknown; permalink?: unknown }[];
  // A minute of slack for clocks that differ.
  const since = Date.parse(progress.saved.publishAskedAt ?? '') - 60_000;
  const match = data.find((media) => typeof media.id === 'string' && (media.caption ?? '') === post.text && !(Date.parse(String(media.timestamp)) < since));
  if (!match || typeof match.id !== 'string') return { detail: 'published (the container says so), but its media id was not recorded and is not among the account\'s latest media' };
  await progress.save({ mediaId: match.id, ...(typeof match.permalink === 'string' ? { permalink: match.permalink } : {}) });
  return published(config, scope, progress, match.id);
}
