// The media transfer of TikTok's FILE_UPLOAD: each chunk PUT to the upload URL in order, with
// Content-Range and the video's Content-Type, streamed from disk
// (https://developers.tiktok.com/doc/content-posting-api-media-transfer-guide). 206 means "more
// chunks expected", 201 "all parts uploaded" (TikTok starts posting), 416 "Content-Range does not
// match actual progress" with TikTok's progress in its own Content-Range, 403 an expired URL.
import { fileRangeBody, httpRequest } from './http-request.ts';
import { httpStatusError } from './http-status-error.ts';
import { summarizeBody } from './summarize-body.ts';
import { scopedError, type SendScope } from './send-scope.ts';
import type { TiktokChunkPlan } from './tiktok-chunk-plan.ts';

export interface TiktokUploadOptions {
  path: string;
  contentType: string;
  plan: TiktokChunkPlan;
  uploadUrl: URL;
  /** Bytes TikTok already has: the upload goes on from the chunk they end in. */
  uploaded: number;
  scope: SendScope;
  /** Called after each chunk TikTok confirmed, with the bytes it now has (to checkpoint them). */
  confirmed(uploaded: number): Promise<void>;
}

// At least 1 Mbit/s: a chunk's own timeout, as a 10 MB chunk can take longer than an API call.
const SLOWEST_BYTES_PER_MS = 125;

/** Uploads the chunks TikTok does not have yet; 'expired' when the upload URL no longer takes any. */
export async function uploadTiktokChunks(options: TiktokUploadOptions): Promise<'done' | 'expired'> {
  const { plan, scope } = options;
  let index = chunkIndexAt(plan, options.uploaded);
  let realigned = false;
  while (index < plan.chunkCount) {
    const { start, end } = plan.ranges[index]!;
    const last = index === plan.chunkCount - 1;
    const response = await httpRequest({
      url: options.uploadUrl,
      method: 'PUT',
      headers: { 'content-range': `bytes ${start}-${end - 1}/${plan.videoSize}` },
      body: fileRangeBody(options.path, start, end, options.contentType),
      // Before the last chunk nothing can be published; after it, TikTok starts posting.
      postsNothing: !last,
      timeoutMs: Math.max(scope.context.timeoutMs, Math.ceil((end - start) / SLOWEST_BYTES_PER_MS)),
    }, scope);
    if (response.status === 206 || response.status === 201 || response.status === 200) {
      await options.confirmed(end);
      index += 1;
      realigned = false;
      continue;
    }
    // A chunk whose answer was lost (TikTok has it, we did not hear): go on from TikTok's count, once.
    if (response.status === 416 && !realigned) {
      const has = uploadedPerHeader(response.headers['content-range']);
      if (has !== undefined) {
        realigned = true;
        const at = chunkIndexAt(plan, has);
        if (at > index) await options.confirmed(plan.ranges[at - 1]!.end);
        index = at;
        continue;
      }
    }
    if (response.status === 403 || response.status === 404) return 'expired';
    const error = httpStatusError(response, scope, { serviceMessage: `chunk ${index + 1} of ${plan.chunkCount} refused: ${summarizeBody(response.text)}` });
    throw error ?? scopedError(scope, `unexpected answer to chunk ${index + 1} (HTTP ${response.status})`, { retryable: false, maybeDelivered: last });
  }
  return 'done';
}

// The chunk to send next when TikTok has `bytes`: the one they end in (a part of a chunk counts
// for nothing; TikTok's 416 says so if it kept it), chunkCount when all are there.
function chunkIndexAt(plan: TiktokChunkPlan, bytes: number): number {
  if (bytes >= plan.videoSize) return plan.chunkCount;
  return Math.min(Math.floor(bytes / plan.chunkSize), plan.chunkCount - 1);
}

// `bytes 0-N/T` → N + 1 bytes; `bytes */T` → 0.
function uploadedPerHeader(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^bytes \*\/\d+$/.test(text.trim())) return 0;
  const match = /^bytes\s+0-(\d+)\/\d+$/.exec(text.trim());
  return match ? Number(match[1]) + 1 : undefined;
}
