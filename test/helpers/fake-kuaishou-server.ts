// A loopback stand-in for the Kuaishou open platform and its upload endpoint (research/uploads.md
// section 5 and 10): `app_id` and `access_token` in the query of every OpenAPI call (result ≠ 1
// with an error_msg naming the token when it is expired: the code is ours, Kuaishou documents
// none), the user_video_publish scope, `result` envelopes, upload tokens from start_upload,
// fragments 0-based with fragment_count matching at complete, resume answering the last
// fragment held, publish multipart with `caption` and a `cover` file, an upload token used once,
// the account's name by /openapi/user_info (scope user_info).
// Tokens are core's fake OAuth service's. The upload endpoint is served on the same port.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeOAuth } from './fake-oauth-server.ts';
import { forwardOAuth, readBody, readBodyUnlessCut, sendJson, startLoopbackServer } from './loopback-server.ts';
import { multipartFields } from './multipart-fields.ts';

export interface FakeKuaishouOptions {
  oauth: FakeOAuth;
  appId: string;
  /** The account's name, as /openapi/user_info answers it. Default 茶叶小店快手号. */
  userName?: string;
}

interface Upload { whole?: Buffer; fragments: Map<number, Buffer>; complete: boolean; published: boolean }

export interface FakeKuaishou {
  url: string;
  photos: { id: string; caption: string; videoSha256: string; coverBytes: number; createTime: number }[];
  /** Upload-endpoint requests that arrived whole: path and fragment id. */
  received: { path: string; fragment?: number; bytes: number }[];
  /** Upload requests to cut (socket destroyed) after this many body bytes. */
  cutUploadsAt: number[];
  cuts: number;
  /** start_upload calls answered. */
  starts: number;
  /** The upload tokens start_upload issued, in order (for tests that look for them where they must not be). */
  uploadTokens: string[];
  /** photo/publish calls processed whose answer is then lost. */
  losePublishAnswers: number;
  /** Hears an upload request's bytes as they arrive, with its fragment id; true cuts the request there (a test kills the sender). */
  onUploadBytes?: (fragment: number | undefined, received: number) => boolean | void;
  /** Awaited after an upload request's bytes are stored, before it is answered. */
  beforeUploadAnswer?: (fragment: number | undefined) => Promise<void>;
  close(): Promise<void>;
}

/** Starts the fake; a channel's `api:` is its `url`. */
export async function startFakeKuaishou(options: FakeKuaishouOptions): Promise<FakeKuaishou> {
  const uploads = new Map<string, Upload>();
  const fail = (res: ServerResponse, result: number, message: string) => sendJson(res, 200, { result, error_msg: message });

  const readUpload = async (req: IncomingMessage, fragment: number | undefined): Promise<Buffer | undefined> => {
    const body = await readBodyUnlessCut(req, fake.cutUploadsAt.shift(), (received) => fake.onUploadBytes?.(fragment, received));
    if (!body) fake.cuts++;
    return body;
  };

  const server = await startLoopbackServer(async (req, res, url) => {
    const { authorizePath, tokenPath, refreshPath, exchange } = options.oauth.options;
    if (forwardOAuth(req, res, url, options.oauth.url, [authorizePath, tokenPath, refreshPath, exchange?.path])) return;
    const path = url.pathname;
    const q = url.searchParams;
    if (path.startsWith('/api/upload')) {
      const body = req.method === 'POST' && path !== '/api/upload/complete' ? await readUpload(req, q.has('fragment_id') ? Number(q.get('fragment_id')) : undefined) : await readBody(req);
      if (!body) return;
      const upload = uploads.get(q.get('upload_token') ?? '');
      if (!upload || upload.published) return fail(res, 400, 'upload_token invalid');
      if (req.method === 'POST' && path === '/api/upload') {
        if (!/^video\//.test(req.headers['content-type'] ?? '')) return fail(res, 400, 'Content-Type must be video/*');
        upload.whole = body;
        upload.complete = true;
        fake.received.push({ path, bytes: body.length });
        await fake.beforeUploadAnswer?.(undefined);
        return sendJson(res, 200, { result: 1 });
      }
      if (req.method === 'POST' && path === '/api/upload/fragment') {
        const id = Number(q.get('fragment_id'));
        if (!Number.isInteger(id) || id < 0) return fail(res, 400, 'fragment_id must be an integer from 0');
        upload.fragments.set(id, body);
        fake.received.push({ path, fragment: id, bytes: body.length });
        await fake.beforeUploadAnswer?.(id);
        return sendJson(res, 200, { result: 1 });
      }
      if (req.method === 'GET' && path === '/api/upload/resume') {
        let last = -1;
        while (upload.fragments.has(last + 1)) last++;
        return sendJson(res, 200, { result: 1, fragment_index: last });
      }
      if (req.method === 'POST' && path === '/api/upload/complete') {
        const count = Number(q.get('fragment_count'));
        if (count !== upload.fragments.size || [...Array(count).keys()].some((id) => !upload.fragments.has(id))) {
          return fail(res, 400, `fragment_count ${q.get('fragment_count')} does not match the fragments received (${[...upload.fragments.keys()].sort((a, b) => a - b).join(',')})`);
        }
        upload.complete = true;
        return sendJson(res, 200, { result: 1 });
      }
      return fail(res, 404, `no such upload path ${path}`);
    }

    const body = await readBody(req);
    if (q.get('app_id') !== options.appId) return fail(res, 100200100, 'app_id invalid');
    const checked = options.oauth.checkAccessToken(q.get('access_token') ?? undefined);
    if (!checked.ok) return fail(res, 100200101, `access_token invalid or expired (${checked.reason})`);
    if (req.method === 'GET' && path === '/openapi/user_info') {
      if (!checked.scope.split(',').includes('user_info')) return fail(res, 100200103, '没有权限: scope user_info 未授权');
      return sendJson(res, 200, { result: 1, user_info: { name: options.userName ?? '茶叶小店快手号', sex: 'F', fan: 1200, follow: 30, head: 'https://p1.a.yximgs.com/uhead/fake.jpg', city: '杭州' } });
    }
    if (!checked.scope.split(',').includes('user_video_publish')) return fail(res, 100200103, '没有权限: scope user_video_publish 未授权');

    if (req.method === 'POST' && path === '/openapi/photo/start_upload') {
      const token = `ut-${randomBytes(10).toString('hex')}`;
      uploads.set(token, { fragments: new Map(), complete: false, published: false });
      fake.starts++;
      fake.uploadTokens.push(token);
      // The real answer names an upload host; the channel replaces it with `api:`.
      return sendJson(res, 200, { result: 1, upload_token: token, endpoint: 'upload.kuaishouzt.com' });
    }
    if (req.method === 'POST' && path === '/openapi/photo/publish') {
      const upload = uploads.get(q.get('upload_token') ?? '');
      if (!upload || !upload.complete) return fail(res, 400, 'upload_token invalid or the upload is not complete');
      if (upload.published) return fail(res, 400, 'upload_token already published');
      const fields = multipartFields(req, body);
      const cover = fields.get('cover');
      if (!cover?.filename || cover.data.length === 0) return fail(res, 400, 'cover is required (an image file)');
      if (cover.data.length >= 10_000_000) return fail(res, 400, 'cover must be under 10 MB');
      upload.published = true;
      const content = upload.whole ?? Buffer.concat([...upload.fragments.keys()].sort((a, b) => a - b).map((id) => upload.fragments.get(id)!));
      const photo = { id: String(5_200_000_000 + fake.photos.length), caption: fields.get('caption')?.data.toString('utf8') ?? '', videoSha256: createHash('sha256').update(content).digest('hex'), coverBytes: cover.data.length, createTime: Date.now() };
      fake.photos.push(photo);
      if (fake.losePublishAnswers > 0) {
        fake.losePublishAnswers--;
        res.socket?.destroy();
        return;
      }
      return sendJson(res, 200, { result: 1, video_info: { photo_id: photo.id, caption: photo.caption, create_time: photo.createTime } });
    }
    if (req.method === 'GET' && path === '/openapi/photo/list') {
      return sendJson(res, 200, { result: 1, video_list: [...fake.photos].reverse().map((photo) => ({ photo_id: photo.id, caption: photo.caption, create_time: photo.createTime })) });
    }
    // A proxy's or framework's 404 page quoting the request line, query string included (as
    // Express's "Cannot POST /path" does): how a token in a URL ends up in an error message.
    res.writeHead(404, { 'content-type': 'text/html' }).end(`<pre>Cannot ${req.method} ${req.url}</pre>`);
  });

  const fake: FakeKuaishou = { url: server.url, photos: [], received: [], cutUploadsAt: [], cuts: 0, starts: 0, uploadTokens: [], losePublishAnswers: 0, close: server.close };
  return fake;
}
