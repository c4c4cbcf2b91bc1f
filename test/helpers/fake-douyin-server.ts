// A loopback stand-in for the Douyin open platform's video API (research/uploads.md 4.3, 4.4 and
// section 10): the `access-token` header (2190008 when expired, in a 200 as Douyin answers) and
// the `open_id` query (28001015 when it is not the token's user), the posting scope (28001012
// without video.create.bind), multipart field `video`, single uploads over 128 MB refused, parts
// 1-based and contiguous with every part but the last ≥ 5 MB, video ids single-use by
// create_video, covers by upload_image's image_id, review over several video_data polls, the
// account's nickname by /oauth/userinfo/. Tokens (and their renewal) are core's fake OAuth service's.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeOAuth } from './fake-oauth-server.ts';
import { forwardOAuth, readBody, readBodyUnlessCut, sendJson, startLoopbackServer } from './loopback-server.ts';
import { multipartFields } from './multipart-fields.ts';

export interface FakeDouyinOptions {
  oauth: FakeOAuth;
  openId: string;
  /** video_data polls an item stays under review (video_status 4). Default 2. */
  reviewPolls?: number;
  /** What the review decides: 1 published, 2 not suitable to be public. Default 1. */
  reviewOutcome?: 1 | 2;
  /** The account's nickname, as /oauth/userinfo/ answers it. Default 茶叶小店. */
  nickname?: string;
}

export interface FakeDouyin {
  url: string;
  /** Uploaded videos (single or completed parts). */
  videos: { id: string; bytes: number; sha256: string; used: boolean }[];
  /** Posts made by create_video. */
  items: { id: string; text: string; videoSha256: string; createTime: number; shareUrl: string; coverBytes?: number }[];
  /** Part uploads that arrived whole: upload id and part number, in order. */
  parts: { uploadId: string; number: number; bytes: number }[];
  /** Upload requests (single or part) to cut (socket destroyed) after this many body bytes. */
  cutUploadsAt: number[];
  /** Upload requests cut so far. */
  cuts: number;
  /** The next create_video calls answer these error codes instead (quota 28003017, rate 28003018). */
  createErrors: number[];
  /** create_video calls processed whose answer is then lost. */
  loseCreateAnswers: number;
  /** Hears an upload request's bytes as they arrive; true cuts the request there (a test kills the sender). */
  onUploadBytes?: (received: number) => boolean | void;
  /** Awaited after create_video made the post, before it is answered. */
  beforeCreateAnswer?: () => Promise<void>;
  close(): Promise<void>;
}

const SINGLE_MAX = 128 * 1024 * 1024;
const MIN_PART = 5 * 1024 * 1024;

/** Starts the fake; a channel's `api:` is its `url`. */
export async function startFakeDouyin(options: FakeDouyinOptions): Promise<FakeDouyin> {
  const uploads = new Map<string, { parts: Map<number, Buffer>; videoId?: string }>();
  const videos = new Map<string, { id: string; bytes: number; sha256: string; used: boolean }>();
  const polls = new Map<string, number>();
  const images = new Map<string, number>();
  const fail = (res: ServerResponse, code: number, description: string) =>
    sendJson(res, 200, { data: { error_code: code, description }, extra: { error_code: code, description, sub_error_code: 0, sub_description: '', logid: 'fake-logid', now: Date.now() } });
  const ok = (res: ServerResponse, data: Record<string, unknown>) =>
    sendJson(res, 200, { data: { error_code: 0, description: '', ...data }, extra: { error_code: 0, description: '', sub_error_code: 0, sub_description: '', logid: 'fake-logid', now: Date.now() } });
  const addVideo = (content: Buffer) => {
    const video = { id: `v0200f${randomBytes(8).toString('hex')}`, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex'), used: false };
    videos.set(video.id, video);
    fake.videos.push(video);
    return video;
  };

  // The body, or undefined when this request is to be cut (the socket is destroyed).
  const readUpload = async (req: IncomingMessage): Promise<Buffer | undefined> => {
    const body = await readBodyUnlessCut(req, fake.cutUploadsAt.shift(), (received) => fake.onUploadBytes?.(received));
    if (!body) fake.cuts++;
    return body;
  };

  const server = await startLoopbackServer(async (req, res, url) => {
    const { authorizePath, tokenPath, refreshPath, exchange } = options.oauth.options;
    if (forwardOAuth(req, res, url, options.oauth.url, [authorizePath, tokenPath, refreshPath, exchange?.path, options.oauth.options.renew?.path])) return;
    const path = url.pathname;
    const upload = path.endsWith('/upload_video/') || path.endsWith('/upload_video_part/');
    const body = upload ? await readUpload(req) : await readBody(req);
    if (!body) return;
    if (req.method === 'POST' && path === '/oauth/userinfo/') {
      // access_token and open_id as form fields (not the header the video API takes); scope user_info.
      const form = new URLSearchParams(body.toString('utf8'));
      const user = options.oauth.checkAccessToken(form.get('access_token') ?? undefined);
      if (!user.ok) return fail(res, 2190008, `access_token过期,请刷新或重新授权 (${user.reason})`);
      if (form.get('open_id') !== options.openId) return fail(res, 28001015, 'open_id与access_token不匹配');
      if (!user.scope.split(',').includes('user_info')) return fail(res, 28001012, '用户未授权该api (scope user_info)');
      return ok(res, { open_id: options.openId, union_id: `union-${options.openId}`, nickname: options.nickname ?? '茶叶小店', avatar: 'https://p3.douyinpic.com/aweme/100x100/fake.jpeg' });
    }
    const checked = options.oauth.checkAccessToken(headerOf(req, 'access-token'));
    if (!checked.ok) return fail(res, 2190008, `access_token过期,请刷新或重新授权 (${checked.reason})`);
    if (url.searchParams.get('open_id') !== options.openId) return fail(res, 28001015, 'open_id与access_token不匹配');
    if (!checked.scope.split(',').includes('video.create.bind')) return fail(res, 28001012, '用户未授权该api (scope video.create.bind)');

    if (req.method === 'POST' && path === '/api/douyin/v1/video/upload_video/') {
      const video = fileField(req, body, 'video');
      if (!video) return fail(res, 2100005, '参数不合法: video');
      if (video.length > SINGLE_MAX) return fail(res, 2100005, '视频文件过大, 超过128M请使用分片上传');
      const added = addVideo(video);
      return ok(res, { video: { video_id: added.id, width: 1080, height: 1920 } });
    }
    if (req.method === 'POST' && path === '/api/douyin/v1/video/init_video_part_upload/') {
      const uploadId = `@upload${randomBytes(8).toString('hex')}`;
      uploads.set(uploadId, { parts: new Map() });
      return ok(res, { upload_id: uploadId });
    }
    const uploadId = url.searchParams.get('upload_id') ?? '';
    const session = uploads.get(uploadId);
    if (req.method === 'POST' && path === '/api/douyin/v1/video/upload_video_part/') {
      if (!session) return fail(res, 2100005, '参数不合法: upload_id');
      const number = Number(url.searchParams.get('part_number'));
      if (!Number.isInteger(number) || number < 1) return fail(res, 2100005, '参数不合法: part_number (从1开始)');
      const video = fileField(req, body, 'video');
      if (!video) return fail(res, 2100005, '参数不合法: video');
      session.parts.set(number, video);
      fake.parts.push({ uploadId, number, bytes: video.length });
      return ok(res, {});
    }
    if (req.method === 'POST' && path === '/api/douyin/v1/video/complete_video_part_upload/') {
      if (!session) return fail(res, 2100005, '参数不合法: upload_id');
      // Completing again answers the same video (an assumption: the doc does not say).
      if (session.videoId) return ok(res, { video: { video_id: session.videoId, width: 1080, height: 1920 } });
      const numbers = [...session.parts.keys()].sort((a, b) => a - b);
      if (numbers.length === 0 || numbers.some((n, i) => n !== i + 1)) return fail(res, 2100005, `分片不连续: ${numbers.join(',')}`);
      if (numbers.slice(0, -1).some((n) => session.parts.get(n)!.length < MIN_PART)) return fail(res, 2100005, '分片大小不能小于5M');
      const added = addVideo(Buffer.concat(numbers.map((n) => session.parts.get(n)!)));
      session.videoId = added.id;
      session.parts.clear();
      return ok(res, { video: { video_id: added.id, width: 1080, height: 1920 } });
    }
    if (req.method === 'POST' && path === '/api/douyin/v1/video/upload_image/') {
      const image = fileField(req, body, 'image');
      if (!image) return fail(res, 2100005, '参数不合法: image');
      const id = `@image${randomBytes(8).toString('hex')}`;
      images.set(id, image.length);
      return ok(res, { image: { image_id: id, width: 1080, height: 1920 } });
    }
    if (req.method === 'POST' && path === '/api/douyin/v1/video/create_video/') {
      const scripted = fake.createErrors.shift();
      if (scripted) return fail(res, scripted, scripted === 28003017 ? '今日发布次数已达上限' : '请求过于频繁');
      const json = parseJson(body) as { video_id?: unknown; text?: unknown; custom_cover_image_url?: unknown } | undefined;
      const video = videos.get(String(json?.video_id ?? ''));
      if (!video) return fail(res, 2100005, '参数不合法: video_id');
      const cover = json?.custom_cover_image_url === undefined ? undefined : images.get(String(json.custom_cover_image_url));
      if (json?.custom_cover_image_url !== undefined && cover === undefined) return fail(res, 2100005, '参数不合法: custom_cover_image_url');
      if (video.used) return fail(res, 2100005, 'video_id已被使用, 请重新上传');
      video.used = true;
      const id = `@9VwJ${randomBytes(8).toString('hex')}`;
      fake.items.push({ id, text: String(json?.text ?? ''), videoSha256: video.sha256, createTime: Math.floor(Date.now() / 1000), shareUrl: `https://www.iesdouyin.com/share/video/${id}/`, ...(cover === undefined ? {} : { coverBytes: cover }) });
      await fake.beforeCreateAnswer?.();
      if (fake.loseCreateAnswers > 0) {
        fake.loseCreateAnswers--;
        res.socket?.destroy();
        return;
      }
      return ok(res, { item_id: id });
    }
    if (req.method === 'POST' && path === '/api/douyin/v1/video/video_data/') {
      const ids = (parseJson(body) as { item_ids?: unknown } | undefined)?.item_ids;
      if (!Array.isArray(ids)) return fail(res, 2100005, '参数不合法: item_ids');
      const list = fake.items.filter((item) => ids.includes(item.id)).map((item) => {
        const seen = (polls.get(item.id) ?? 0) + 1;
        polls.set(item.id, seen);
        const status = seen > (options.reviewPolls ?? 2) ? (options.reviewOutcome ?? 1) : 4;
        return { item_id: item.id, video_status: status, is_reviewed: status !== 4, share_url: item.shareUrl, create_time: item.createTime };
      });
      return ok(res, { list });
    }
    if (req.method === 'GET' && path === '/api/douyin/v1/video/video_list/') {
      const list = [...fake.items].reverse().map((item) => ({ item_id: item.id, title: item.text, create_time: item.createTime, share_url: item.shareUrl }));
      return ok(res, { list, has_more: false, cursor: 0 });
    }
    return fail(res, 28001056, `接口已下线或不存在: ${req.method} ${path}`);
  });

  const fake: FakeDouyin = { url: server.url, videos: [], items: [], parts: [], cutUploadsAt: [], cuts: 0, createErrors: [], loseCreateAnswers: 0, close: server.close };
  return fake;
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

// The content of the file field `name`, or undefined.
function fileField(req: IncomingMessage, body: Buffer, name: string): Buffer | undefined {
  const field = multipartFields(req, body).get(name);
  return field?.filename === undefined ? undefined : field.data;
}
