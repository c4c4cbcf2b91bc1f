// A loopback stand-in for YouTube that checks what the real one checks (research/uploads.md
// section 10): bearer tokens (401 when expired, from the shared OAuth fake, which also serves
// /token), resumable sessions (POST with the metadata → Location; PUT chunks contiguous from what
// is stored, multiples of 256 KiB but the last; `bytes */TOTAL` → 308 with Range, or without
// when nothing arrived; the finished session answers with its video), thumbnails.set (image type
// and size), quotaExceeded on demand, processing over several videos.list polls. Bodies are
// streamed and hashed as they arrive (never held), so a 1 GB upload costs the fake no memory.
import { createHash, randomBytes, type Hash } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { YOUTUBE_OAUTH } from '../../src/channels/youtube-kind.ts';
import type { ChannelConfigOf } from '../../src/publish/channel-types.ts';
import { startFakeOAuth, type FakeOAuth, type FakeOAuthOptions } from './fake-oauth-server.ts';
import { proxy, readAll, resourceProblem, sendGoogleError } from './fake-youtube-checks.ts';

const UNIT = 256 * 1024;

export interface FakeSession {
  id: string;
  total: number;
  contentType: string;
  resource: Record<string, unknown>;
  /** Bytes stored (always whole 256 KiB units, or the whole file). */
  stored: number;
  video?: FakeVideo;
  hash: Hash;
}

export interface FakeVideo {
  id: string;
  snippet: Record<string, unknown>;
  status: Record<string, unknown>;
  bytes: number;
  sha256: string;
  thumbnail?: { contentType: string; bytes: number };
  polls: number;
}

export interface FakeYoutubeFault {
  status: number;
  reason: string;
  message?: string;
  headers?: Record<string, string>;
}

export interface FakeYoutube {
  url: string;
  oauth: FakeOAuth;
  /** Videos created, in order: more than one for one post is the bug these tests look for. */
  videos: FakeVideo[];
  sessions: Map<string, FakeSession>;
  /** Every YouTube request: `METHOD path Content-Range → status`. */
  log: string[];
  /** What the fake refused, and why. */
  rejections: string[];
  /** Answers the next request to `what` with this error instead (quota, rate limits, 5xx). */
  failNext(what: 'start' | 'chunk' | 'query' | 'thumbnail' | 'list', fault: FakeYoutubeFault): void;
  /** The next chunk PUT is cut (socket destroyed) once this many of its bytes arrived. */
  dropNextChunkAfter?: number;
  /** The next chunk PUT stops being read once this many of its bytes arrived (the rest still in
   *  flight), and `onStall` is called: to kill the client mid-upload, whatever the chunk size. */
  stallNextChunkAfter?: number;
  onStall?: (session: FakeSession) => void;
  /** Called as bytes arrive (with the session's bytes received so far, stored or pending). */
  onBytes?: (session: FakeSession, received: number) => void;
  /** Awaited after the last byte made the video and before the answer is sent. */
  beforeFinalAnswer?: (video: FakeVideo) => Promise<void> | void;
  /** videos.list answers `processing` this many times before `succeeded` (default 2). */
  processingPolls: number;
  /** The channel refuses custom thumbnails (403 forbidden: not verified). */
  forbidThumbnails: boolean;
  /** The project has not passed the compliance audit: videos stay private. */
  unaudited: boolean;
  /** The fake's clock, for publishAt (tests that simulate time set it to theirs). */
  now: () => Date;
  /** A youtube channel config pointing here. */
  config(overrides?: Partial<ChannelConfigOf<'youtube'>>): ChannelConfigOf<'youtube'> & { name: string };
  close(): Promise<void>;
}

/** Starts the fake YouTube (and its OAuth service, reached through the same base URL) on 127.0.0.1. */
export async function startFakeYoutube(oauthOptions: Partial<FakeOAuthOptions> = {}): Promise<FakeYoutube> {
  const profile = YOUTUBE_OAUTH;
  const oauth = await startFakeOAuth({
    authorizePath: profile.authorizePath, tokenPath: profile.tokenPath, pkce: 'S256',
    requireAuthorizeParams: { access_type: 'offline' }, grantScopes: [...profile.scopes], ...oauthOptions,
  });
  const faults = new Map<string, FakeYoutubeFault>();
  const fake: FakeYoutube = {
    url: '', oauth, videos: [], sessions: new Map(), log: [], rejections: [],
    failNext: (what, fault) => { faults.set(what, fault); },
    processingPolls: 2, forbidThumbnails: false, unaudited: false,
    now: () => new Date(),
    config: (overrides = {}) => ({
      type: 'youtube', name: 'shorts', api: fake.url, clientId: oauth.options.clientId, clientSecret: oauth.options.clientSecret, ...overrides,
    }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await oauth.close();
    },
  };

  const refuse = (res: ServerResponse, status: number, reason: string, message: string): void => {
    fake.rejections.push(`${reason}: ${message}`);
    sendGoogleError(res, status, reason, message);
  };
  const fault = (what: string, res: ServerResponse): boolean => {
    const planned = faults.get(what);
    if (!planned) return false;
    faults.delete(what);
    sendGoogleError(res, planned.status, planned.reason, planned.message ?? planned.reason, planned.headers);
    return true;
  };
  const hasScope = (req: IncomingMessage, scope: string): boolean => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const checked = oauth.checkAccessToken(token);
    return checked.ok && checked.scope.split(' ').includes(`https://www.googleapis.com/auth/${scope}`);
  };

  async function start(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = await readAll(req);
    if (url.searchParams.get('uploadType') !== 'resumable') return refuse(res, 400, 'badRequest', 'uploadType must be resumable');
    const parts = (url.searchParams.get('part') ?? '').split(',');
    if (!parts.includes('snippet') || !parts.includes('status')) return refuse(res, 400, 'unexpectedPart', 'part must name snippet and status');
    if (!/^application\/json/.test(req.headers['content-type'] ?? '')) return refuse(res, 400, 'badContent', 'the metadata must be application/json');
    const total = Number(req.headers['x-upload-content-length']);
    if (!Number.isInteger(total) || total <= 0) return refuse(res, 400, 'badRequest', 'X-Upload-Content-Length must be the file size');
    const contentType = String(req.headers['x-upload-content-type'] ?? '');
    if (!/^video\/|^application\/octet-stream$/.test(contentType)) return refuse(res, 400, 'badContent', 'X-Upload-Content-Type must be video/* or application/octet-stream');
    let resource: Record<string, unknown>;
    try {
      resource = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return refuse(res, 400, 'parseError', 'the metadata is not JSON');
    }
    const problem = resourceProblem(resource);
    if (problem) return refuse(res, 400, problem[0], problem[1]);
    if (fault('start', res)) return;
    const id = randomBytes(9).toString('base64url');
    fake.sessions.set(id, { id, total, contentType, resource, stored: 0, hash: createHash('sha256') });
    res.writeHead(200, { location: `${fake.url}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status&upload_id=${id}`, 'content-length': '0' }).end();
  }

  async function put(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const session = fake.sessions.get(url.searchParams.get('upload_id') ?? '');
    if (!session) {
      req.resume();
      return refuse(res, 404, 'notFound', 'unknown or expired upload session');
    }
    const range = String(req.headers['content-range'] ?? '');
    const length = Number(req.headers['content-length'] ?? NaN);
    const query = /^bytes \*\/(\d+)$/.exec(range);
    if (query) {
      req.resume();
      if (Number(query[1]) !== session.total) return refuse(res, 400, 'badRange', 'the total differs from X-Upload-Content-Length');
      if (length !== 0) return refuse(res, 400, 'badRequest', 'a status query has Content-Length: 0');
      if (fault('query', res)) return;
      return answerState(session, res, 200);
    }
    const chunk = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
    const first = Number(chunk?.[1]);
    const last = Number(chunk?.[2]);
    const bad = !chunk ? 'Content-Range must be bytes FIRST-LAST/TOTAL'
      : Number(chunk[3]) !== session.total ? 'the total differs from X-Upload-Content-Length'
      : session.video ? undefined
      : first !== session.stored ? `the chunk starts at ${first}, the session has ${session.stored} bytes (ranges must be contiguous)`
      : last < first || last >= session.total ? 'the range is outside the file'
      : length !== last - first + 1 ? `Content-Length ${length} does not match the range (${last - first + 1} bytes)`
      : last + 1 < session.total && length % UNIT !== 0 ? `a chunk before the last must be a multiple of 262144 bytes, not ${length}`
      : req.headers['content-type'] !== session.contentType ? `Content-Type must be ${session.contentType}`
      : undefined;
    if (bad) {
      req.resume();
      return refuse(res, 400, 'badRange', bad);
    }
    if (session.video) {
      req.resume();
      return answerState(session, res, 200);
    }
    if (faults.has('chunk')) {
      // The chunk is read (and dropped) before the error is answered: an answer sent while the
      // client still writes, with the connection closed after it, would reach the client only
      // sometimes (an EPIPE first, a dropped connection it resumes from), not the error planned.
      for await (const _ of req);
      return void fault('chunk', res);
    }
    await receive(session, req, first);
    if (session.stored < last + 1) return void res.destroy();
    if (session.stored === session.total) {
      const video: FakeVideo = {
        id: randomBytes(8).toString('base64url').replace(/[-_]/g, 'x').slice(0, 11),
        snippet: session.resource.snippet as Record<string, unknown>,
        status: { uploadStatus: 'uploaded', ...(session.resource.status as Record<string, unknown>) },
        bytes: session.total, sha256: session.hash.digest('hex'), polls: 0,
      };
      session.video = video;
      fake.videos.push(video);
      await fake.beforeFinalAnswer?.(video);
      return answerState(session, res, 201);
    }
    answerState(session, res, 308);
  }

  // Streams a chunk's body into the session: whole units are stored as they arrive; the rest only
  // when the chunk completes. A dropped connection keeps what was stored (in whole units).
  function receive(session: FakeSession, req: IncomingMessage, first: number): Promise<void> {
    let inChunk = 0;
    // The bytes of this chunk past the last whole unit: stored only once the chunk completes.
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const drop = fake.dropNextChunkAfter;
    const stall = fake.stallNextChunkAfter;
    fake.dropNextChunkAfter = undefined;
    fake.stallNextChunkAfter = undefined;
    let stalled = false;
    return new Promise((resolve) => {
      req.on('data', (data: Buffer) => {
        if (stalled) return;
        if (drop !== undefined && inChunk + data.length >= drop) {
          data = data.subarray(0, Math.max(0, drop - inChunk));
          req.socket.destroy();
        }
        if (stall !== undefined && inChunk + data.length >= stall) {
          data = data.subarray(0, Math.max(0, stall - inChunk));
          stalled = true;
          req.pause();
          setImmediate(() => fake.onStall?.(session));
        }
        inChunk += data.length;
        pending.push(data);
        pendingBytes += data.length;
        if (pendingBytes >= UNIT) {
          const all = Buffer.concat(pending);
          const whole = all.length - (all.length % UNIT);
          session.hash.update(all.subarray(0, whole));
          session.stored += whole;
          pending = whole < all.length ? [all.subarray(whole)] : [];
          pendingBytes = all.length - whole;
        }
        fake.onBytes?.(session, first + inChunk);
      });
      req.on('end', () => {
        if (stalled) return;
        for (const piece of pending) session.hash.update(piece);
        session.stored += pendingBytes;
        resolve();
      });
      // A stalled chunk may have been parsed whole (req.complete) yet was never all read.
      req.on('close', () => {
        if (req.complete && !stalled) return;
        resolve();
      });
    });
  }

  function answerState(session: FakeSession, res: ServerResponse, status: number): void {
    if (session.video) {
      res.writeHead(status === 201 ? 201 : 200, { 'content-type': 'application/json; charset=UTF-8' });
      return void res.end(JSON.stringify(videoResource(session.video)));
    }
    // No Range at all when nothing is stored (what the Python client once got wrong).
    res.writeHead(308, { ...(session.stored > 0 ? { range: `bytes=0-${session.stored - 1}` } : {}), 'content-length': '0' }).end();
  }

  async function thumbnail(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = await readAll(req);
    const video = fake.videos.find((v) => v.id === url.searchParams.get('videoId'));
    if (!video) return refuse(res, 404, 'videoNotFound', 'The video that you are trying to update cannot be found.');
    if (fault('thumbnail', res)) return;
    if (fake.forbidThumbnails) return refuse(res, 403, 'forbidden', 'The authenticated user does not have permissions to upload and set custom video thumbnails.');
    const type = req.headers['content-type'] ?? '';
    if (!['image/jpeg', 'image/png', 'application/octet-stream'].includes(type)) return refuse(res, 400, 'invalidImage', `unsupported content type ${type}`);
    if (body.length === 0) return refuse(res, 400, 'mediaBodyRequired', 'The request does not include the image content.');
    if (body.length > 2 * 1024 * 1024) return refuse(res, 400, 'invalidImage', 'The image is larger than 2MB.');
    video.thumbnail = { contentType: type, bytes: body.length };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'youtube#thumbnailSetResponse', items: [{ default: { url: `https://i.ytimg.com/vi/${video.id}/default.jpg` } }] }));
  }

  function list(req: IncomingMessage, res: ServerResponse, url: URL): void {
    req.resume();
    if (!hasScope(req, 'youtube.readonly') && !hasScope(req, 'youtube')) return refuse(res, 403, 'insufficientPermissions', 'Request had insufficient authentication scopes.');
    if (fault('list', res)) return;
    const ids = (url.searchParams.get('id') ?? '').split(',');
    const items = fake.videos.filter((v) => ids.includes(v.id)).map((video) => {
      video.polls += 1;
      const done = video.polls > fake.processingPolls;
      if (done) video.status.uploadStatus = 'processed';
      const publishAt = video.status.publishAt;
      if (done && !fake.unaudited && typeof publishAt === 'string' && Date.parse(publishAt) <= fake.now().getTime()) {
        video.status.privacyStatus = 'public';
        delete video.status.publishAt;
      }
      return { ...videoResource(video), processingDetails: { processingStatus: done ? 'succeeded' : 'processing' } };
    });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'youtube#videoListResponse', items }));
  }

  function channels(req: IncomingMessage, res: ServerResponse, url: URL): void {
    req.resume();
    if (!hasScope(req, 'youtube.readonly') && !hasScope(req, 'youtube')) return refuse(res, 403, 'insufficientPermissions', 'Request had insufficient authentication scopes.');
    if (url.searchParams.get('mine') !== 'true') return refuse(res, 400, 'missingRequiredParameter', 'mine=true expected');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: [{ id: 'UCfakeChannel0000000000', snippet: { title: 'Tea Shop Live' } }] }));
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const youtube = url.pathname.startsWith('/upload/youtube/') || url.pathname.startsWith('/youtube/');
    if (!youtube) return void proxy(req, res, oauth.url);
    res.on('finish', () => fake.log.push(`${req.method} ${url.pathname}${req.headers['content-range'] ? ` ${req.headers['content-range']}` : ''} → ${res.statusCode}`));
    if (!oauth.checkBearer(req, res)) return void req.resume();
    const route = `${req.method} ${url.pathname}`;
    const handle = route === 'POST /upload/youtube/v3/videos' ? start(req, res, url)
      : route === 'PUT /upload/youtube/v3/videos' ? put(req, res, url)
      : route === 'POST /upload/youtube/v3/thumbnails/set' ? thumbnail(req, res, url)
      : route === 'GET /youtube/v3/videos' ? Promise.resolve(list(req, res, url))
      : route === 'GET /youtube/v3/channels' ? Promise.resolve(channels(req, res, url))
      : Promise.resolve(refuse(res, 404, 'notFound', `no route ${route}`));
    handle.catch((error: Error) => { if (!res.headersSent) refuse(res, 500, 'internalError', error.message); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

function videoResource(video: FakeVideo): Record<string, unknown> {
  return { kind: 'youtube#video', id: video.id, snippet: video.snippet, status: video.status };
}
