// The resumable upload of a Reels container's video to rupload
// (https://developers.facebook.com/docs/instagram-platform/content-publishing/resumable-uploads):
// POST the bytes from `offset` to the end with `offset` and `file_size` headers, streamed from
// disk. After a dropped connection the container's video_status says how many bytes arrived
// (uploading_phase.bytes_transferred), and the upload goes on from there.
import { ChannelError, type ChannelConfigOf } from './channel-types.ts';
import { fileRangeBody, httpRequest } from './http-request.ts';
import { parseJsonObject } from './parse-json-object.ts';
import { summarizeBody } from './summarize-body.ts';
import { callInstagramGraph } from './instagram-graph.ts';
import type { Attachment } from './read-attachment.ts';
import { parseChannelUrl, reasonOf, scopedError, type SendScope } from './send-scope.ts';
import { withAccessToken } from './with-access-token.ts';

type InstagramConfig = ChannelConfigOf<'instagram'>;

// Uploads that fail mid-way are resumed this many times within one send, then the send fails
// (retryable: the next attempt resumes again from what the service has).
const UPLOAD_ATTEMPTS = 4;
// The slowest link a whole upload is allowed to take (bytes/s), on top of the request timeout.
const SLOWEST_BYTES_PER_SECOND = 250_000;

// Bytes of the container's video the service holds, and whether the upload phase is complete.
async function instagramUploadState(config: InstagramConfig, scope: SendScope, containerId: string): Promise<{ bytes: number; complete: boolean }> {
  const answer = await callInstagramGraph(config, scope, { method: 'GET', path: `/${containerId}`, params: { fields: 'id,status,status_code,video_status' } });
  if (!('json' in answer)) return { bytes: 0, complete: false };
  const phase = (answer.json.video_status as { uploading_phase?: { status?: unknown; bytes_transferred?: unknown } } | undefined)?.uploading_phase;
  const bytes = typeof phase?.bytes_transferred === 'number' ? phase.bytes_transferred : 0;
  return { bytes, complete: phase?.status === 'complete' };
}

/**
 * Uploads `video` to the container's `uploadUri` from the byte the service has (`resuming`: ask it
 * first; a fresh container has none). Returns once the service has every byte.
 */
export async function uploadInstagramVideo(config: InstagramConfig, scope: SendScope, containerId: string, uploadUri: string, video: Attachment, resuming: boolean): Promise<void> {
  const url = uploadUrl(config, uploadUri, scope);
  let lastError: ChannelError | undefined;
  for (let attempt = 0; attempt < UPLOAD_ATTEMPTS; attempt++) {
    const state = resuming || attempt > 0 ? await instagramUploadState(config, scope, containerId) : { bytes: 0, complete: false };
    if (state.complete || state.bytes >= video.bytes) return;
    const offset = state.bytes;
    try {
      const { response, scope: answered } = await withAccessToken(scope, config.name, (token, tokenScope) => httpRequest({
        url,
        method: 'POST',
        // rupload wants the "OAuth" prefix, not "Bearer" (the resumable-uploads guide's examples).
        headers: { authorization: `OAuth ${token}`, offset: String(offset), file_size: String(video.bytes) },
        body: fileRangeBody(video.path, offset, video.bytes, 'application/octet-stream'),
        postsNothing: true,
        timeoutMs: scope.context.timeoutMs + Math.ceil(((video.bytes - offset) / SLOWEST_BYTES_PER_SECOND) * 1000),
      }, tokenScope), (answer) => answer.status === 401);
      const json = parseJsonObject(response.text);
      if (response.status >= 200 && response.status < 300 && json?.success === true) return;
      const debug = (json?.debug_info ?? {}) as { message?: unknown; retriable?: unknown };
      const said = typeof debug.message === 'string' ? debug.message : summarizeBody(response.text);
      if (response.status === 401 || response.status === 403) throw scopedError(answered, `the upload was refused (HTTP ${response.status}: ${said}); run promo accounts connect ${config.name}`, { retryable: false, auth: true });
      // 5xx, and rupload's own "retriable" errors (an offset it did not expect after a drop):
      // ask again what arrived and go on from there.
      if (response.status < 500 && debug.retriable !== true) throw scopedError(answered, `the upload was refused (HTTP ${response.status}: ${said})`, { retryable: false });
      lastError = scopedError(answered, `upload failed (HTTP ${response.status}: ${said})`, { retryable: true });
    } catch (error) {
      if (!(error instanceof ChannelError) || !error.options.retryable || error.options.cancelled) throw error;
      lastError = error;
    }
  }
  throw scopedError(scope, `the upload failed ${UPLOAD_ATTEMPTS} times (last: ${lastError ? reasonOf(scope, lastError) : 'unknown'}); the next attempt resumes it`, { retryable: true });
}

// The upload URI the container answer gave; with `api:` set its host is replaced too (paths stay).
function uploadUrl(config: InstagramConfig, uploadUri: string, scope: SendScope): URL {
  const given = parseChannelUrl(uploadUri, scope);
  if (!config.api) return given;
  return parseChannelUrl(`${config.api.replace(/\/+$/, '')}${given.pathname}${given.search}`, scope);
}
