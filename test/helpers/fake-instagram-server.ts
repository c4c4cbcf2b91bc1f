// A loopback stand-in for the Instagram Graph API's Reels publishing and its rupload host, checking
// what the real service checks (research/uploads.md section 10 and 3.2): an access token on every
// call (190 in a 400 when expired: Graph's envelope), REELS containers with upload_type=resumable
// and a caption within 2200 characters and 30 hashtags, rupload with `Authorization: OAuth`,
// `offset` equal to the bytes already stored and a constant `file_size`, bytes stored as they
// arrive (a cut connection keeps what came), video_status.uploading_phase.bytes_transferred,
// processing over several status polls, media_publish refused (9007/2207027) before FINISHED
// and for a published container, the 24-hour quota (content_publishing_limit; 9/2207042 past it).
// Tokens are core's fake OAuth service's (checkAccessToken).
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeOAuth } from './fake-oauth-server.ts';
import { forwardOAuth, readBody, sendJson, startLoopbackServer } from './loopback-server.ts';

const VERSION = 'v23.0';

export interface FakeInstagramOptions {
  oauth: FakeOAuth;
  accountId: string;
  /** Status polls a complete upload stays IN_PROGRESS (processing) before FINISHED. Default 2. */
  processingPolls?: number;
  /** Processing ends in ERROR with this status text instead. */
  processingError?: string;
  /** content_publishing_limit's quota_total (posts per 24 h). Default 50. */
  quotaTotal?: number;
  /** The IG account's username, as /me/accounts names it through its Page. Default teashop. */
  username?: string;
}

export interface FakeContainer {
  id: string;
  caption: string;
  fileSize?: number;
  received: Buffer[];
  polls: number;
  published?: string;
}

export interface FakeInstagram {
  url: string;
  containers: FakeContainer[];
  media: { id: string; caption: string; timestamp: string; permalink: string; sha256: string }[];
  /** Every rupload request: the offset it claimed and the bytes it brought. */
  uploads: { offset: number; bytes: number }[];
  /** The next upload requests are cut (the socket destroyed) once the container holds this many bytes. */
  cutUploadsAt: number[];
  /** The next media_publish calls answer these Graph errors instead (quota, rate limits). */
  publishErrors: { code: number; subcode?: number; message: string }[];
  /** Operations processed whose answer is then lost (socket destroyed): 'upload', 'publish'. */
  loseAnswers: ('upload' | 'publish')[];
  /** Hears upload bytes as they arrive, with the container's total so far; true cuts the request
   *  there (a test that kills the sender: bytes it had already written would otherwise still arrive). */
  onBytes?: (container: FakeContainer, received: number) => boolean | void;
  /** Awaited once every byte of a container is in, before the upload is answered. */
  beforeUploadAnswer?: () => Promise<void>;
  bytesOf(container: FakeContainer): number;
  sha256Of(container: FakeContainer): string;
  close(): Promise<void>;
}

/** Starts the fake; a channel's `api:` is its `url`. */
export async function startFakeInstagram(options: FakeInstagramOptions): Promise<FakeInstagram> {
  const containers = new Map<string, FakeContainer>();
  let nextId = 17_900_000_000_000; // below 2^53: ids stay exact as numbers
  const bytesOf = (container: FakeContainer) => container.received.reduce((sum, chunk) => sum + chunk.length, 0);
  const sha256Of = (container: FakeContainer) => createHash('sha256').update(Buffer.concat(container.received)).digest('hex');
  const statusOf = (container: FakeContainer) => {
    const complete = container.fileSize !== undefined && bytesOf(container) >= container.fileSize;
    if (container.published) return 'PUBLISHED';
    if (!complete || container.polls < (options.processingPolls ?? 2)) return 'IN_PROGRESS';
    return options.processingError ? 'ERROR' : 'FINISHED';
  };
  const graphError = (res: ServerResponse, code: number, message: string, subcode?: number) =>
    sendJson(res, code === 190 ? 400 : code >= 200 && code < 300 ? 403 : 400, { error: { message, type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: 'AbCdEf' } });

  const loseAnswer = (what: 'upload' | 'publish', res: ServerResponse): boolean => {
    const at = fake.loseAnswers.indexOf(what);
    if (at < 0) return false;
    fake.loseAnswers.splice(at, 1);
    res.socket?.destroy();
    return true;
  };

  async function upload(req: IncomingMessage, res: ServerResponse, container: FakeContainer): Promise<void> {
    const auth = req.headers.authorization ?? '';
    const token = /^OAuth (\S+)$/.exec(auth)?.[1];
    if (!token || !options.oauth.checkAccessToken(token).ok) {
      await readBody(req).catch(() => undefined);
      return sendJson(res, 401, { debug_info: { retriable: false, type: 'AuthException', message: token ? 'Invalid OAuth access token' : 'Authorization must be "OAuth <token>"' } });
    }
    const offset = Number(req.headers.offset);
    const fileSize = Number(req.headers.file_size);
    const stored = bytesOf(container);
    const refuse = (message: string) => readBody(req).catch(() => undefined).then(() => sendJson(res, 400, { debug_info: { retriable: false, type: 'ProcessingFailedError', message } }));
    if (!Number.isInteger(fileSize) || fileSize <= 0) return refuse('file_size header missing or not a positive integer');
    if (container.fileSize !== undefined && container.fileSize !== fileSize) return refuse(`file_size changed (${container.fileSize} → ${fileSize})`);
    if (offset !== stored) return refuse(`offset ${req.headers.offset} does not match the ${stored} bytes received`);
    container.fileSize = fileSize;
    const cutAt = fake.cutUploadsAt.shift();
    let brought = 0;
    await new Promise<void>((resolve) => {
      let cut = false;
      req.on('data', (chunk: Buffer) => {
        if (cut) return;
        if (cutAt !== undefined && bytesOf(container) + chunk.length >= cutAt) {
          cut = true;
          const keep = Math.max(0, cutAt - bytesOf(container));
          container.received.push(chunk.subarray(0, keep));
          brought += keep;
          req.socket.destroy();
          resolve();
          return;
        }
        container.received.push(chunk);
        brought += chunk.length;
        if (fake.onBytes?.(container, bytesOf(container)) === true) {
          cut = true;
          req.socket.destroy();
          resolve();
        }
      });
      req.on('end', resolve);
      req.on('close', resolve);
    });
    fake.uploads.push({ offset, bytes: brought });
    if (req.socket.destroyed) return;
    if (bytesOf(container) > fileSize) return sendJson(res, 400, { debug_info: { retriable: false, type: 'ProcessingFailedError', message: 'more bytes than file_size' } });
    if (bytesOf(container) === fileSize) await fake.beforeUploadAnswer?.();
    if (loseAnswer('upload', res)) return;
    sendJson(res, 200, { success: true, message: 'Upload successful.' });
  }

  const server = await startLoopbackServer(async (req, res, url) => {
    const { authorizePath, tokenPath, refreshPath, exchange } = options.oauth.options;
    if (forwardOAuth(req, res, url, options.oauth.url, [authorizePath, tokenPath, refreshPath, exchange?.path])) return;
    const rupload = new RegExp(`^/ig-api-upload/${VERSION}/(\\d+)$`).exec(url.pathname);
    if (rupload && req.method === 'POST') {
      const container = containers.get(rupload[1]!);
      if (!container) return sendJson(res, 404, { debug_info: { retriable: false, type: 'NotFound', message: 'unknown container' } });
      return upload(req, res, container);
    }
    const body = await readBody(req);
    // Graph reads parameters from the query and from a form body alike.
    const q = new URLSearchParams(url.search);
    if (/application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) {
      for (const [name, value] of new URLSearchParams(body.toString('utf8'))) q.set(name, value);
    }
    const token = /^(?:Bearer|OAuth) (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? q.get('access_token') ?? undefined;
    const checked = options.oauth.checkAccessToken(token);
    if (!checked.ok) return graphError(res, 190, `Error validating access token: ${checked.reason}`, 463);
    if (!checked.scope.includes('instagram_content_publish')) return graphError(res, 200, 'Requires instagram_content_publish permission');
    const path = url.pathname.startsWith(`/${VERSION}/`) ? url.pathname.slice(VERSION.length + 1) : '';

    if (req.method === 'POST' && path === `/${options.accountId}/media`) {
      if (q.get('media_type') !== 'REELS') return graphError(res, 100, 'media_type must be REELS for a video');
      if (q.get('upload_type') !== 'resumable') return graphError(res, 100, 'The parameter video_url is required');
      const caption = q.get('caption') ?? '';
      if ([...caption].length > 2200) return graphError(res, 100, 'The caption is longer than 2200 characters', 2207010);
      if ((caption.match(/#[^\s#]+/g) ?? []).length > 30) return graphError(res, 100, 'The caption has more than 30 hashtags', 2207010);
      const id = String(nextId++);
      const container: FakeContainer = { id, caption, received: [], polls: 0 };
      containers.set(id, container);
      fake.containers.push(container);
      // The real answer names the rupload host; the channel replaces it with `api:`.
      return sendJson(res, 200, { id, uri: `https://rupload.facebook.com/ig-api-upload/${VERSION}/${id}` });
    }
    if (req.method === 'POST' && path === `/${options.accountId}/media_publish`) {
      const container = containers.get(q.get('creation_id') ?? '');
      if (!container) return graphError(res, 100, 'Unsupported post request: unknown creation_id', 33);
      const scripted = fake.publishErrors.shift();
      if (scripted) return graphError(res, scripted.code, scripted.message, scripted.subcode);
      if (fake.media.length >= (options.quotaTotal ?? 50)) return graphError(res, 9, 'The maximum number of posts allowed has been reached', 2207042);
      if (statusOf(container) !== 'FINISHED') return graphError(res, 9007, 'The media is not ready for publishing, please wait for a moment', 2207027);
      const mediaId = String(nextId++);
      container.published = mediaId;
      fake.media.push({ id: mediaId, caption: container.caption, timestamp: new Date().toISOString().replace(/\.\d+Z$/, '+0000'), permalink: `https://www.instagram.com/reel/R${mediaId}/`, sha256: sha256Of(container) });
      if (loseAnswer('publish', res)) return;
      return sendJson(res, 200, { id: mediaId });
    }
    if (req.method === 'GET' && path === '/me/accounts') {
      return sendJson(res, 200, { data: [{ name: 'Tea Shop', id: '104000000000001', instagram_business_account: { id: options.accountId, username: options.username ?? 'teashop' } }, { name: 'Side page', id: '104000000000002' }] });
    }
    if (req.method === 'GET' && path === `/${options.accountId}/content_publishing_limit`) {
      const since = Date.now() - 86_400_000;
      const usage = fake.media.filter((media) => Date.parse(media.timestamp.replace('+0000', 'Z')) >= since).length;
      return sendJson(res, 200, { data: [{ quota_usage: usage, config: { quota_total: options.quotaTotal ?? 50, quota_duration: 86_400 } }] });
    }
    if (req.method === 'GET' && path === `/${options.accountId}/media`) {
      return sendJson(res, 200, { data: [...fake.media].reverse().map(({ sha256: _, ...media }) => media) });
    }
    const node = /^\/(\d+)$/.exec(path)?.[1];
    const container = node ? containers.get(node) : undefined;
    if (req.method === 'GET' && container) {
      const complete = container.fileSize !== undefined && bytesOf(container) >= container.fileSize;
      if (complete) container.polls++;
      const status = statusOf(container);
      return sendJson(res, 200, {
        id: container.id,
        status_code: status,
        status: status === 'ERROR' ? `Error: ${options.processingError}` : status === 'FINISHED' ? 'Finished: Media has been uploaded and it is ready to be published.' : `In Progress: ${complete ? 'processing' : 'uploading'}`,
        video_status: {
          uploading_phase: { status: complete ? 'complete' : 'in_progress', bytes_transferred: bytesOf(container) },
          processing_phase: { status: status === 'IN_PROGRESS' ? (complete ? 'in_progress' : 'not_started') : 'complete' },
        },
      });
    }
    const media = fake.media.find((item) => item.id === node);
    if (req.method === 'GET' && media) return sendJson(res, 200, { id: media.id, permalink: media.permalink });
    return graphError(res, 100, `Unsupported ${req.method} request: ${url.pathname}`, 33);
  });

  const fake: FakeInstagram = {
    url: server.url, containers: [], media: [], uploads: [], cutUploadsAt: [], publishErrors: [], loseAnswers: [], bytesOf, sha256Of, close: server.close,
  };
  return fake;
}
