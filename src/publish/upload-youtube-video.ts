// The resumable videos.insert protocol
// (https://developers.google.com/youtube/v3/guides/using_resumable_upload_protocol): a session is
// started with the metadata, its URI is checkpointed before a byte is sent, then the file goes up
// in chunks streamed from disk, each a multiple of 256 KiB but the last. After any interruption
// (a dropped connection, a 5xx, a kill -9 and a new attempt), `Content-Range: bytes */TOTAL` asks
// what arrived (308 with Range, no Range when nothing did), and the upload goes on from there.
// Once the last byte is in, the session answers with the created video to that same question:
// a crash between the last byte and recording the answer never uploads a second video.
import { setTimeout as pause } from 'node:timers/promises';
import { ChannelError } from './channel-types.ts';
import { fileRangeBody, jsonBody, type HttpResponse } from './http-request.ts';
import { parseJsonObject } from './parse-json-object.ts';
import type { Attachment } from './read-attachment.ts';
import type { BearerRequester } from './bearer-requester.ts';
import { scopedError, type SendScope } from './send-scope.ts';
import type { YoutubeConfig } from './youtube-config.ts';
import { youtubeEndpoint } from './youtube-endpoint.ts';
import { youtubeError } from './youtube-error.ts';
import type { YoutubeVideoResource } from './youtube-video-resource.ts';

/** 256 KiB: every chunk but the last is a multiple of it. */
export const YOUTUBE_CHUNK_UNIT = 256 * 1024;

export interface YoutubeUploadOptions {
  config: YoutubeConfig;
  video: Attachment & { mtimeMs: number };
  resource: YoutubeVideoResource;
  scope: SendScope;
  request: BearerRequester;
  /** What earlier attempts saved: `session`, `bytes`, `mtimeMs`. */
  progress: Readonly<Record<string, unknown>>;
  /** Saves the session before its first byte is sent. */
  save(progress: Record<string, unknown>): Promise<void>;
  /** Bytes per PUT; a multiple of 256 KiB. */
  chunkBytes: number;
}

// Interruptions in a row without a byte more arriving, before the send gives up for now (it is
// called again later, with the saved session).
const MAX_FAILURES = 4;
// A chunk may take its time on a slow line: the timeout grows with its size (≥ 256 KiB/s).
const SLOWEST_BYTES_PER_MS = 262.144;

type SessionState = { done: Record<string, unknown> } | { offset: number } | { expired: true };

/** Uploads the video (or finishes an earlier upload); returns the created video resource. */
export async function uploadYoutubeVideo(options: YoutubeUploadOptions): Promise<Record<string, unknown>> {
  const { video, scope, progress } = options;
  const total = video.bytes;
  if (total === 0) throw scopedError(scope, `the video ${video.path} is empty`, { retryable: false });
  // A saved session is asked first, whatever happened to the file since: if it has every byte,
  // its video is the post's. An unfinished one (never a video) goes on only with the same file;
  // a file rendered again since starts a new session.
  const sameFile = progress.bytes === total && progress.mtimeMs === video.mtimeMs;
  let session = typeof progress.session === 'string' ? new URL(progress.session) : undefined;
  if (session && !sameFile && typeof progress.bytes === 'number') {
    const state = await querySession(session, options, progress.bytes);
    if ('done' in state) return state.done;
    session = undefined;
  }
  let offset = 0;
  let needQuery = session !== undefined;
  let failures = 0;
  let sessions = 0;
  for (;;) {
    try {
      if (!session) {
        // A session that expires right after it was started is the service misbehaving.
        if (++sessions > 2) throw scopedError(scope, 'YouTube dropped two upload sessions in a row', { retryable: true });
        session = await startSession(options);
        offset = 0;
        needQuery = false;
      }
      if (needQuery) {
        const state = await querySession(session, options);
        if ('done' in state) return state.done;
        needQuery = false;
        if ('expired' in state) {
          session = undefined;
          continue;
        }
        offset = state.offset;
      }
      const end = Math.min(offset + options.chunkBytes, total);
      const answer = await options.request({
        url: session,
        method: 'PUT',
        headers: { 'content-range': `bytes ${offset}-${end - 1}/${total}` },
        body: fileRangeBody(video.path, offset, end, video.contentType),
        postsNothing: true,
        timeoutMs: scope.context.timeoutMs + Math.ceil((end - offset) / SLOWEST_BYTES_PER_MS),
      });
      const state = sessionState(answer, options, 'uploading the video');
      if ('done' in state) return state.done;
      if ('expired' in state) {
        session = undefined;
        continue;
      }
      // Never assume the whole chunk was kept: the Range says what was.
      if (state.offset <= offset) throw scopedError(scope, `YouTube kept none of bytes ${offset}-${end - 1}`, { retryable: true });
      offset = state.offset;
      failures = 0;
    } catch (error) {
      // Quota and rate limits wait as the service says, in a later attempt: never hammered here.
      if (!(error instanceof ChannelError) || !error.options.retryable || error.options.cancelled || error.options.retryAfter !== undefined) throw error;
      failures += 1;
      if (failures > MAX_FAILURES) throw error;
      await pause(250 * 2 ** failures, undefined, { signal: scope.context.signal }).catch(() => {
        throw scopedError(scope, 'cancelled while waiting to resume the upload', { retryable: true, cancelled: true });
      });
      needQuery = session !== undefined;
    }
  }
}

// POST the metadata; the answer's Location is the session, saved before anything else happens.
async function startSession(options: YoutubeUploadOptions): Promise<URL> {
  const { video, scope } = options;
  const url = youtubeEndpoint(options.config, 'upload', '/upload/youtube/v3/videos', { uploadType: 'resumable', part: 'snippet,status' });
  const answer = await options.request({
    url,
    headers: { 'x-upload-content-length': String(video.bytes), 'x-upload-content-type': video.contentType },
    body: jsonBody(JSON.stringify(options.resource)),
    postsNothing: true,
  });
  if (answer.status !== 200 && answer.status !== 201) throw youtubeError(answer, scope, 'starting the upload', options.config.name);
  const location = answer.headers.location;
  if (!location) throw scopedError(scope, `starting the upload: HTTP ${answer.status} without a session (no Location header)`, { retryable: true });
  const session = new URL(location, url);
  // The publish time goes with the session: its metadata holds it, whatever a later attempt computes.
  await options.save({ session: session.href, bytes: video.bytes, mtimeMs: video.mtimeMs, publishAt: options.resource.status.publishAt ?? null });
  return session;
}

// PUT `bytes */TOTAL`: what the session (of a file of `total` bytes) has.
async function querySession(session: URL, options: YoutubeUploadOptions, total = options.video.bytes): Promise<SessionState> {
  const answer = await options.request({
    url: session,
    method: 'PUT',
    headers: { 'content-range': `bytes */${total}`, 'content-length': '0' },
    postsNothing: true,
  });
  return sessionState(answer, options, 'asking YouTube how much of the video arrived');
}

function sessionState(answer: HttpResponse, options: YoutubeUploadOptions, what: string): SessionState {
  const { scope } = options;
  if (answer.status === 200 || answer.status === 201) {
    const video = parseJsonObject(answer.text);
    if (typeof video?.id !== 'string') throw scopedError(scope, `${what}: YouTube answered ${answer.status} without a video id`, { retryable: false, maybeDelivered: true });
    return { done: video };
  }
  if (answer.status === 308) {
    // `Range: bytes=0-N`: bytes 0..N are stored; no Range at all: none are.
    const range = /^bytes=0-(\d+)$/.exec(String(answer.headers.range ?? ''));
    return { offset: range ? Number(range[1]) + 1 : 0 };
  }
  // The session is gone (expired or unknown): it never made a video, so a new one starts.
  if (answer.status === 404 || answer.status === 410) return { expired: true };
  throw youtubeError(answer, scope, what, options.config.name);
}
