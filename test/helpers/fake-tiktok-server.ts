// A loopback stand-in for TikTok's Content Posting API (Direct Post, FILE_UPLOAD) that checks what
// the real one checks (research/uploads.md section 10): the bearer token (401
// access_token_invalid), creator_info's privacy options (403 privacy_level_option_mismatch), an
// unaudited client's SELF_ONLY rule, init's chunk arithmetic (400 invalid_param), per-token rate
// limits (429 rate_limit_exceeded: init 6, creator_info 20, status 30 a minute), and through
// fake-tiktok-upload.ts each chunk's Content-Type, Content-Range and the upload URL's hour; status
// takes several polls. It serves the token endpoint too when mounted on the shared OAuth fake
// (`host`), as one `api:` base replaces all of TikTok's hosts; alone it keeps a token list.
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleTiktokUpload, type TiktokTask } from './fake-tiktok-upload.ts';
import { tiktokChunkProblem } from './fake-tiktok-rules.ts';

export type TiktokEndpoint = 'creator_info' | 'init' | 'status' | 'upload';
/** How a scripted request ends: TikTok's error `code` (API calls), or for uploads `drop`, `drop-after`, `hang`, `hang-after`, `500` (fake-tiktok-upload.ts). */
export type TiktokScripted = string;

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;

/** What the fake needs of an OAuth service: where to mount routes and which tokens are live. */
export interface TiktokAuthHost {
  url: string;
  route(method: string, path: string, handler: Handler): void;
  checkAccessToken(token: string | undefined): { ok: true } | { ok: false; reason: string };
}

export interface FakeTiktokOptions {
  host?: TiktokAuthHost;
  privacyOptions?: string[];
  username?: string;
  /** The account's open_id (user/info). */
  openId?: string;
  maxVideoSeconds?: number;
  /** false: the app is before TikTok's audit (SELF_ONLY only). */
  audited?: boolean;
  /** status/fetch answers PROCESSING_UPLOAD this many times after the last chunk (default 2). */
  processingPolls?: number;
  /** The publish ends FAILED with this fail_reason instead of PUBLISH_COMPLETE. */
  failReason?: string;
  /** false: status/fetch leaves out uploaded_bytes (the reference lists it, but a client must not need it). */
  reportsUploadedBytes?: boolean;
  /** The server's clock, ms (default Date.now). */
  now?: () => number;
}

export interface FakeVideo {
  publishId: string;
  title: string;
  privacy: string;
  bytes: number;
  sha256: string;
  postId?: string;
}

export interface FakeTiktok {
  url: string;
  /** The access token that works (standalone only). */
  token: string;
  /** Standalone: every token so far stops working and a new one is made; returns it. */
  rotateToken(): string;
  /** Answers the next request(s) to `endpoint` with these scripted outcomes, in order. */
  script(endpoint: TiktokEndpoint, ...outcomes: TiktokScripted[]): void;
  /** Calls per endpoint, answered or not. */
  calls: Record<TiktokEndpoint, number>;
  tasks: Map<string, TiktokTask>;
  /** Videos that came to exist (every chunk uploaded): a post must make exactly one. */
  videos: FakeVideo[];
  rejections: { endpoint: TiktokEndpoint; status: number; code: string; reason: string }[];
  /** Resolves when a scripted `hang` or `hang-after` upload has arrived. */
  hung(): Promise<void>;
  close(): Promise<void>;
}

const WINDOW_MS = 60_000;
const PER_MINUTE: Record<string, number> = { creator_info: 20, init: 6, status: 30 };

/** Starts the fake (mounted on `options.host`, or on its own server on 127.0.0.1). */
export async function startFakeTiktok(options: FakeTiktokOptions = {}): Promise<FakeTiktok> {
  const now = options.now ?? Date.now;
  const scripts = new Map<TiktokEndpoint, TiktokScripted[]>();
  const seen = new Map<string, number[]>();
  const tokens = new Set<string>();
  const own = options.host ? undefined : ownHost(tokens);
  const host = options.host ?? (await own!.start());
  let hang: () => void = () => {};
  const hung = new Promise<void>((resolve) => { hang = resolve; });

  const fake: FakeTiktok = {
    url: host.url,
    token: '',
    rotateToken() {
      tokens.clear();
      fake.token = `act.${randomBytes(12).toString('hex')}`;
      tokens.add(fake.token);
      return fake.token;
    },
    script: (endpoint, ...outcomes) => { scripts.set(endpoint, [...(scripts.get(endpoint) ?? []), ...outcomes]); },
    calls: { creator_info: 0, init: 0, status: 0, upload: 0 },
    tasks: new Map(),
    videos: [],
    rejections: [],
    hung: () => hung,
    close: async () => { await own?.stop(); },
  };
  if (own) fake.rotateToken();

  const answer = (endpoint: TiktokEndpoint, res: ServerResponse, status: number, code: string, message: string, data: unknown = {}, raw?: string): void => {
    if (code !== 'ok') fake.rejections.push({ endpoint, status, code, reason: message });
    const error = `{"code":${JSON.stringify(code)},"message":${JSON.stringify(message)},"log_id":"fake-${randomBytes(4).toString('hex')}"}`;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(`{"data":${raw ?? JSON.stringify(data)},"error":${error}}`);
  };
  // Bearer, JSON content type, rate window and scripted failures: true when the request may go on.
  const admit = (endpoint: TiktokEndpoint, req: IncomingMessage, res: ServerResponse): boolean => {
    fake.calls[endpoint] += 1;
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const checked = host.checkAccessToken(token);
    if (!checked.ok) { answer(endpoint, res, 401, 'access_token_invalid', `The access token is invalid or not found in the request (${checked.reason}).`); return false; }
    if (!/^application\/json/i.test(req.headers['content-type'] ?? '')) { answer(endpoint, res, 400, 'invalid_params', 'Content-Type must be application/json'); return false; }
    const times = (seen.get(`${endpoint} ${token}`) ?? []).filter((t) => t > now() - WINDOW_MS);
    if (times.length >= PER_MINUTE[endpoint]!) { answer(endpoint, res, 429, 'rate_limit_exceeded', 'API rate limit was exceeded.'); return false; }
    seen.set(`${endpoint} ${token}`, [...times, now()]);
    const scripted = scripts.get(endpoint)?.shift();
    if (scripted && scripted !== 'ok') {
      // creator_info answers its spam_risk codes with HTTP 200 ("intentional", per the reference).
      const status = scripted === 'rate_limit_exceeded' ? 429 : endpoint === 'creator_info' ? 200 : scripted.startsWith('spam_risk') || scripted === 'reached_active_user_cap' ? 403 : 500;
      answer(endpoint, res, status, scripted, `scripted ${scripted}`);
      return false;
    }
    return true;
  };
  const privacyOptions = options.privacyOptions ?? ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'];

  host.route('POST', '/v2/post/publish/creator_info/query/', (req, res) => {
    if (!admit('creator_info', req, res)) return;
    answer('creator_info', res, 200, 'ok', '', {
      creator_avatar_url: 'https://p16.example/avatar.jpg', creator_username: options.username ?? 'teashop', creator_nickname: 'Tea Shop',
      privacy_level_options: privacyOptions, comment_disabled: false, duet_disabled: false, stitch_disabled: true,
      max_video_post_duration_sec: options.maxVideoSeconds ?? 600,
    });
  });

  host.route('GET', '/v2/user/info/', (req, res) => {
    const checked = host.checkAccessToken(/^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1]);
    if (!checked.ok) return answer('creator_info', res, 401, 'access_token_invalid', checked.reason);
    answer('creator_info', res, 200, 'ok', '', { user: { open_id: options.openId ?? '-000fake-open-id', display_name: 'Tea Shop' } });
  });

  host.route('POST', '/v2/post/publish/video/init/', (req, res, body) => {
    if (!admit('init', req, res)) return;
    const json = parse(body) as { post_info?: Record<string, unknown>; source_info?: Record<string, unknown> } | undefined;
    const post = json?.post_info ?? {};
    const source = json?.source_info ?? {};
    const privacy = String(post.privacy_level ?? '');
    if (!privacyOptions.includes(privacy)) return answer('init', res, 403, 'privacy_level_option_mismatch', `privacy_level ${privacy} is not in privacy_level_options`);
    if (options.audited === false && privacy !== 'SELF_ONLY') return answer('init', res, 403, 'unaudited_client_can_only_post_to_private_accounts', 'Unaudited clients can only post to private accounts.');
    const title = typeof post.title === 'string' ? post.title : '';
    if (title.length > 2200) return answer('init', res, 400, 'invalid_param', 'title is longer than 2200 characters');
    for (const flag of ['disable_comment', 'disable_duet', 'disable_stitch']) {
      if (flag in post && typeof post[flag] !== 'boolean') return answer('init', res, 400, 'invalid_param', `${flag} must be a boolean`);
    }
    if (source.source !== 'FILE_UPLOAD') return answer('init', res, 400, 'invalid_param', 'source must be FILE_UPLOAD here');
    const problem = tiktokChunkProblem(source.video_size, source.chunk_size, source.total_chunk_count);
    if (problem) return answer('init', res, 400, 'invalid_param', problem);
    const publishId = `v_pub_file~v2-1.${randomBytes(8).toString('hex')}`;
    const uploadId = randomBytes(8).toString('hex');
    const uploadToken = randomBytes(12).toString('hex');
    fake.tasks.set(publishId, {
      publishId, uploadId, uploadToken, title, privacy, createdAt: now(),
      videoSize: source.video_size as number, chunkSize: source.chunk_size as number, chunkCount: source.total_chunk_count as number,
      parts: [], uploaded: 0, polls: 0,
    });
    answer('init', res, 200, 'ok', '', { publish_id: publishId, upload_url: `${host.url}/video/?upload_id=${uploadId}&upload_token=${uploadToken}` });
  });

  host.route('PUT', '/video/', (req, res, body) => {
    fake.calls.upload += 1;
    const scripted = scripts.get('upload')?.shift() ?? 'ok';
    handleTiktokUpload(req, res, body, { tasks: fake.tasks, videos: fake.videos, now, scripted, hang, reject: (status, reason) => fake.rejections.push({ endpoint: 'upload', status, code: String(status), reason }) });
  });

  host.route('POST', '/v2/post/publish/status/fetch/', (req, res, body) => {
    if (!admit('status', req, res)) return;
    const task = fake.tasks.get(String((parse(body) as { publish_id?: unknown } | undefined)?.publish_id ?? ''));
    // Not in the reference's table for this case: our code, in TikTok's envelope.
    if (!task) return answer('status', res, 400, 'invalid_publish_id', 'publish_id not found');
    const uploaded = options.reportsUploadedBytes === false ? {} : { uploaded_bytes: task.uploaded };
    if (task.uploaded < task.videoSize) return answer('status', res, 200, 'ok', '', { status: 'PROCESSING_UPLOAD', ...uploaded });
    task.polls += 1;
    if (task.polls <= (options.processingPolls ?? 2)) return answer('status', res, 200, 'ok', '', { status: 'PROCESSING_UPLOAD', ...uploaded });
    if (options.failReason) return answer('status', res, 200, 'ok', '', { status: 'FAILED', fail_reason: options.failReason, ...uploaded });
    // A post id only for public posts, as an int64 beyond 2^53 (written as a bare JSON number, as TikTok does).
    const video = fake.videos.find((v) => v.publishId === task.publishId)!;
    if (task.privacy === 'PUBLIC_TO_EVERYONE') video.postId ??= String(7_300_000_000_000_000_001n + BigInt(fake.videos.indexOf(video)));
    const ids = task.privacy === 'PUBLIC_TO_EVERYONE' ? `[${video.postId}]` : '[]';
    answer('status', res, 200, 'ok', '', undefined, `{"status":"PUBLISH_COMPLETE","fail_reason":"","publicaly_available_post_id":${ids},"uploaded_bytes":${task.uploaded}}`);
  });
  return fake;
}

function parse(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

// A server of the fake's own, for tests without the shared OAuth fake: exact-path routes and a token list.
function ownHost(tokens: Set<string>) {
  const routes = new Map<string, Handler>();
  let server: http.Server | undefined;
  return {
    async start(): Promise<TiktokAuthHost> {
      server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const handler = routes.get(`${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`);
          if (!handler) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('no such path'); return; }
          void handler(req, res, Buffer.concat(chunks));
        });
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}`,
        route: (method, path, handler) => { routes.set(`${method} ${path}`, handler); },
        checkAccessToken: (token) => (token && tokens.has(token) ? { ok: true } : { ok: false, reason: token ? 'unknown or expired token' : 'no token' }),
      };
    },
    async stop(): Promise<void> {
      server?.closeAllConnections();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    },
  };
}
