// Loopback stand-ins for the chat services promo posts to. Each checks what the real service
// checks (path, method, content type, credentials, signatures with the service's clock
// tolerance, required fields, sizes) and answers with the real service's status and JSON shape.
// Error codes are the documented ones; where a service documents none for a case (a malformed
// request promo never sends), the code is ours and says so in a comment.
//
// Each request takes the next scripted response (`script(['429', 'ok'])`), 'ok' when none is left:
//   ok    process the request normally (it may still be rejected by the checks)
//   429   the service's rate-limit answer          500   HTTP 500
//   auth  the service's wrong-credentials answer    busy  the service's in-band "system busy"
//   hang  process it (a valid request is delivered), then never answer
//   drop  process it (a valid request is delivered), then destroy the socket
//   echo  a proxy's 404 page quoting the request line, query string included (as Express's
//         "Cannot POST /path" does): the way a token in a URL ends up in an error message
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ChannelConfig, ChannelType } from '../../src/publish/channel-types.ts';

// The chat services; video platforms have fakes of their own (fake-<platform>-server.ts).
export type FakeServerType = Extract<ChannelType, 'wecom' | 'feishu' | 'dingtalk' | 'telegram' | 'discord' | 'webhook'>;
export type ScriptedResponse = 'ok' | '429' | '500' | 'auth' | 'busy' | 'hang' | 'drop' | 'echo';

export interface FakeServerOptions {
  /** WeCom `key`; Feishu hook token; DingTalk `access_token`; Telegram bot token; Discord webhook token. */
  token?: string;
  /** Discord webhook id. */
  webhookId?: string;
  /** Telegram chat the bot may post to. */
  chat?: string;
  /** Signing secret the server verifies (Feishu, DingTalk: none = the bot has no signing; webhook: required). */
  secret?: string;
  /** Largest upload: WeCom upload_media 20 MB, Telegram sendVideo 50 MB, Discord attachment 8 MB. */
  maxUploadBytes?: number;
  /** Largest WeCom image message before base64 (2 MB). */
  maxImageBytes?: number;
  /** Largest request body where the service limits it (Feishu 20 KB). */
  maxBodyBytes?: number;
  /** Accepted clock difference for signed timestamps, seconds (Feishu, DingTalk 3600; webhook 300). */
  clockToleranceSeconds?: number;
  /** The server's clock, ms since the epoch. */
  now?: () => number;
  /** Seconds the rate-limit answer asks for. */
  retryAfter?: number;
  /** Webhook: send Retry-After as an HTTP date instead of seconds. */
  retryAfterAsDate?: boolean;
  /** Feishu: the rate-limit code to answer with (9499 too many request, 11232 frequency limited). */
  rateLimitCode?: 9499 | 11232;
}

export interface Delivery {
  /** What appeared in the chat (or what the webhook receiver accepted). */
  kind: 'text' | 'image' | 'file' | 'video' | 'webhook';
  /** webhook-id (webhook), media_id (WeCom file), or undefined. */
  id?: string;
  text?: string;
  file?: { name: string; bytes: number; sha256: string };
  /** False when the scripted response was hang or drop: processed, answer lost. */
  answered: boolean;
  /** The parsed request (JSON body, or multipart fields). */
  body: unknown;
}

export interface Rejection {
  path: string;
  status: number;
  reason: string;
}

export interface FakeServer {
  type: FakeServerType;
  /** What to put in the channel config's `url` (Telegram: its `api`). */
  url: string;
  options: Required<Pick<FakeServerOptions, 'token' | 'webhookId' | 'chat'>> & FakeServerOptions;
  /** A config for this server with the right credentials; override any field. */
  config(overrides?: Partial<Record<string, string>>): ChannelConfig;
  deliveries: Delivery[];
  /** WeCom upload_media calls that succeeded (uploads post nothing). */
  uploads: { mediaId: string; name: string; bytes: number }[];
  rejections: Rejection[];
  /** Requests received, of any kind. */
  requests: number;
  /** Connections still open (a client that gave up on a hung request has closed its own). */
  openConnections(): number;
  script(responses: readonly ScriptedResponse[]): void;
  close(): Promise<void>;
}

const DEFAULT_UPLOAD_LIMITS: Partial<Record<FakeServerType, number>> = {
  wecom: 20_000_000, telegram: 50_000_000, discord: 8_000_000,
};

interface Answer {
  status: number;
  json?: unknown;
  headers?: Record<string, string>;
  delivery?: Omit<Delivery, 'answered'>;
  /** An HTML body (with headers['content-type'] set by the handler). */
  html?: string;
  /** Set on refusals: recorded in `rejections`. */
  reason?: string;
}

interface RequestInfo {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** The body was longer than the server reads (over every limit). */
  overflow: boolean;
}

type Handler = (request: RequestInfo, scripted: ScriptedResponse, server: FakeServer) => Answer;

/** Starts a fake `type` service on 127.0.0.1 (random port). */
export async function startFakeServer(type: FakeServerType, options: FakeServerOptions = {}): Promise<FakeServer> {
  const settings = {
    token: 'test-token-0123456789abcdef',
    webhookId: '112233445566778899',
    chat: '-1001234567890',
    ...options,
  };
  const queue: ScriptedResponse[] = [];
  const sockets = new Set<Socket>();
  const handler = HANDLERS[type];
  const uploadLimit = settings.maxUploadBytes ?? DEFAULT_UPLOAD_LIMITS[type] ?? 0;
  const readLimit = Math.max(uploadLimit, (settings.maxImageBytes ?? 2_000_000) * 2, 1_000_000) + 1_000_000;

  const fake: FakeServer = {
    type,
    url: '',
    options: settings,
    config: (overrides = {}) => configFor(fake, overrides),
    deliveries: [],
    uploads: [],
    rejections: [],
    requests: 0,
    openConnections: () => sockets.size,
    script: (responses) => { queue.push(...responses); },
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };

  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    fake.requests += 1;
    const scripted = queue.shift() ?? 'ok';
    const chunks: Buffer[] = [];
    let kept = 0;
    let overflow = false;
    req.on('data', (chunk: Buffer) => {
      if (kept + chunk.length > readLimit) { overflow = true; return; }
      chunks.push(chunk);
      kept += chunk.length;
    });
    req.on('end', () => {
      const info: RequestInfo = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks),
        overflow,
      };
      let answer: Answer;
      try {
        answer = scripted === 'echo' ? echoPage(req) : handler(info, scripted, fake);
      } catch (error) {
        answer = { status: 500, json: { error: String(error) }, reason: `fake server bug: ${String(error)}` };
      }
      if (answer.reason) fake.rejections.push({ path: info.url.pathname, status: answer.status, reason: answer.reason });
      if (answer.delivery) fake.deliveries.push({ ...answer.delivery, answered: scripted !== 'hang' && scripted !== 'drop' });
      if (scripted === 'hang') return;
      if (scripted === 'drop') { req.socket.destroy(); return; }
      const headers: Record<string, string> = { ...answer.headers };
      let payload = answer.html ?? '';
      if (answer.json !== undefined) {
        headers['content-type'] = 'application/json; charset=utf-8';
        payload = JSON.stringify(answer.json);
      }
      res.writeHead(answer.status, headers);
      res.end(payload);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  fake.url = {
    wecom: `${origin}/cgi-bin/webhook/send?key=${encodeURIComponent(settings.token)}`,
    feishu: `${origin}/open-apis/bot/v2/hook/${encodeURIComponent(settings.token)}`,
    dingtalk: `${origin}/robot/send?access_token=${encodeURIComponent(settings.token)}`,
    telegram: origin,
    discord: `${origin}/api/webhooks/${settings.webhookId}/${encodeURIComponent(settings.token)}`,
    webhook: `${origin}/hooks/promo`,
  }[type];
  return fake;
}

function configFor(fake: FakeServer, overrides: Partial<Record<string, string>>): ChannelConfig {
  const name = overrides.name ?? `test-${fake.type}`;
  const url = overrides.url ?? fake.url;
  const secret = overrides.secret ?? fake.options.secret;
  switch (fake.type) {
    case 'wecom': return { type: 'wecom', name, url };
    case 'feishu': return { type: 'feishu', name, url, ...(secret ? { secret } : {}) };
    case 'dingtalk': return { type: 'dingtalk', name, url, ...(secret ? { secret } : {}) };
    case 'telegram': return { type: 'telegram', name, token: overrides.token ?? fake.options.token, chat: overrides.chat ?? fake.options.chat, api: overrides.api ?? fake.url };
    case 'discord': return { type: 'discord', name, url };
    case 'webhook': return { type: 'webhook', name, url, secret: secret ?? '' };
  }
}

// ---------------------------------------------------------------------------------------------
// Shared checks

function echoPage(req: IncomingMessage): Answer {
  return {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    html: `<!DOCTYPE html><html><body><pre>Cannot ${req.method ?? 'GET'} ${req.url ?? '/'}</pre></body></html>`,
    reason: 'scripted echo page',
  };
}

function serverNow(server: FakeServer): number {
  return server.options.now?.() ?? Date.now();
}

function isJson(request: RequestInfo): boolean {
  return /^application\/json\b/i.test(request.headers['content-type'] ?? '');
}

function parseJson(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** multipart/form-data parts, or undefined when the body is not well-formed multipart. */
function parseMultipart(body: Buffer, contentType: string | undefined): Part[] | undefined {
  const match = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  if (!match) return undefined;
  const boundary = Buffer.from(`--${match[1] ?? match[2]}`);
  const delimiter = Buffer.concat([Buffer.from('\r\n'), boundary]);
  let position = body.indexOf(boundary);
  if (position < 0) return undefined;
  const parts: Part[] = [];
  for (;;) {
    position += boundary.length;
    const after = body.subarray(position, position + 2).toString('latin1');
    if (after === '--') return parts;
    if (after !== '\r\n') return undefined;
    position += 2;
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd < 0) return undefined;
    const headers = body.subarray(position, headerEnd).toString('utf8');
    const end = body.indexOf(delimiter, headerEnd + 4);
    if (end < 0) return undefined;
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /(?:^|;)\s*name="([^"]*)"/.exec(disposition)?.[1];
    if (name === undefined) return undefined;
    const filename = /;\s*filename="([^"]*)"/.exec(disposition)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
    parts.push({
      name: decodeQuoted(name),
      ...(filename === undefined ? {} : { filename: decodeQuoted(filename) }),
      ...(type === undefined ? {} : { contentType: type.trim() }),
      data: body.subarray(headerEnd + 4, end),
    });
    position = end + 2;
  }
}

function decodeQuoted(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%22/g, '"');
}

function fileFacts(name: string, data: Buffer): { name: string; bytes: number; sha256: string } {
  return { name, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function isImage(data: Buffer): boolean {
  const jpeg = data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
  const png = data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return jpeg || png;
}

// ---------------------------------------------------------------------------------------------
// WeCom group robot: always HTTP 200, `{errcode, errmsg}`.

const wecom: Handler = (request, scripted, server) => {
  const refuse = (errcode: number, errmsg: string): Answer => ({ status: 200, json: { errcode, errmsg: `${errmsg}, hint: [fake]` }, reason: `${errcode} ${errmsg}` });
  const path = request.url.pathname;
  if (path !== '/cgi-bin/webhook/send' && path !== '/cgi-bin/webhook/upload_media') return { status: 404, reason: 'unknown path' };
  if (request.method !== 'POST') return { status: 405, reason: 'not POST' };
  if (scripted === '500') return { status: 500, reason: 'scripted 500' };
  if (scripted === 'auth' || request.url.searchParams.get('key') !== server.options.token) return refuse(93000, 'invalid webhook url');
  if (scripted === '429') return refuse(45009, 'api freq out of limit');
  if (scripted === 'busy') return refuse(-1, 'system busy');

  if (path === '/cgi-bin/webhook/upload_media') {
    const kind = request.url.searchParams.get('type');
    if (kind !== 'file' && kind !== 'voice') return refuse(40004, 'invalid media type');
    const limit = server.options.maxUploadBytes ?? 20_000_000;
    if (request.overflow) return refuse(40006, 'invalid file size');
    const parts = parseMultipart(request.body, request.headers['content-type']);
    const media = parts?.find((part) => part.name === 'media' && part.filename);
    if (!media) return refuse(44001, 'empty media data');
    if (media.data.length <= 5 || media.data.length > limit) return refuse(40006, 'invalid file size');
    const mediaId = `3${createHash('sha1').update(`${server.uploads.length}:${media.filename}`).digest('hex')}`;
    server.uploads.push({ mediaId, name: media.filename ?? '', bytes: media.data.length });
    return { status: 200, json: { errcode: 0, errmsg: 'ok', type: kind, media_id: mediaId, created_at: String(Math.floor(serverNow(server) / 1000)) } };
  }

  // Our choice of code: WeCom documents none for a body that is not JSON.
  if (!isJson(request)) return refuse(40035, 'invalid parameter, content-type is not json');
  const message = parseJson(request.body);
  if (!message) return refuse(40035, 'invalid parameter, wrong json format');
  const ok: Answer = { status: 200, json: { errcode: 0, errmsg: 'ok' } };
  switch (message.msgtype) {
    case 'text': {
      const content = (message.text as { content?: unknown } | undefined)?.content;
      if (typeof content !== 'string' || content === '') return refuse(44004, 'empty content');
      if (Buffer.byteLength(content) > 2048) return refuse(40058, 'content exceed max length');
      return { ...ok, delivery: { kind: 'text', text: content, body: message } };
    }
    case 'image': {
      const image = message.image as { base64?: unknown; md5?: unknown } | undefined;
      if (typeof image?.base64 !== 'string' || typeof image.md5 !== 'string') return refuse(40035, 'invalid parameter, image needs base64 and md5');
      const data = Buffer.from(image.base64, 'base64');
      if (data.length > (server.options.maxImageBytes ?? 2_000_000)) return refuse(40009, 'invalid image size');
      if (!isImage(data)) return refuse(40005, 'invalid file type');
      if (createHash('md5').update(data).digest('hex') !== image.md5.toLowerCase()) return refuse(301019, 'media md5 not match');
      return { ...ok, delivery: { kind: 'image', file: fileFacts('image', data), body: message } };
    }
    case 'file': {
      const mediaId = (message.file as { media_id?: unknown } | undefined)?.media_id;
      const upload = server.uploads.find((u) => u.mediaId === mediaId);
      if (!upload) return refuse(40007, 'invalid media_id');
      return { ...ok, delivery: { kind: 'file', id: upload.mediaId, file: { name: upload.name, bytes: upload.bytes, sha256: '' }, body: message } };
    }
    default:
      return refuse(40008, 'invalid message type');
  }
};

// ---------------------------------------------------------------------------------------------
// Feishu custom bot: HTTP 200, `{code, msg, data}`.

const feishu: Handler = (request, scripted, server) => {
  const refuse = (code: number, msg: string): Answer => ({ status: 200, json: { code, data: {}, msg }, reason: `${code} ${msg}` });
  const match = /^\/open-apis\/bot\/v2\/hook\/([^/]+)$/.exec(request.url.pathname);
  if (!match) return { status: 404, json: { code: 404, msg: 'page not found' }, reason: 'unknown path' };
  if (request.method !== 'POST') return { status: 405, reason: 'not POST' };
  if (scripted === '500' || scripted === 'busy') return { status: 500, reason: 'scripted 500' };
  if (decodeURIComponent(match[1] ?? '') !== server.options.token) return refuse(19001, 'param invalid: incoming webhook access token invalid');
  const signFail = 'sign match fail or timestamp is not within one hour from current time';
  if (scripted === 'auth') return refuse(19021, signFail);
  if (scripted === '429') {
    return server.options.rateLimitCode === 11232 ? refuse(11232, 'frequency limited psm[lark.oapi.app_platform_runtime]') : refuse(9499, 'too many request');
  }
  if (request.body.length > (server.options.maxBodyBytes ?? 20 * 1024) || request.overflow) return refuse(9499, 'request body too large'); // code: ours
  // Our choice of code: Feishu documents none for a body that is not JSON / lacks fields.
  if (!isJson(request)) return refuse(19002, 'params error, content-type is not json');
  const message = parseJson(request.body);
  if (!message) return refuse(19002, 'params error, invalid json');
  if (server.options.secret) {
    const timestamp = Number(message.timestamp);
    const tolerance = server.options.clockToleranceSeconds ?? 3600;
    if (!Number.isFinite(timestamp) || typeof message.sign !== 'string') return refuse(19021, signFail);
    if (Math.abs(serverNow(server) / 1000 - timestamp) > tolerance) return refuse(19021, signFail);
    const expected = createHmac('sha256', `${message.timestamp as string | number}\n${server.options.secret}`).update('').digest('base64');
    if (!safeEqual(message.sign, expected)) return refuse(19021, signFail);
  }
  const text = (message.content as { text?: unknown } | undefined)?.text;
  if (message.msg_type !== 'text' || typeof text !== 'string' || text === '') return refuse(19002, 'params error, msg_type text needs content.text');
  return {
    status: 200,
    json: { StatusCode: 0, StatusMessage: 'success', code: 0, data: {}, msg: 'success' },
    delivery: { kind: 'text', text, body: message },
  };
};

// ---------------------------------------------------------------------------------------------
// DingTalk robot: HTTP 200, `{errcode, errmsg}`; signature in the query string.

const dingtalk: Handler = (request, scripted, server) => {
  const refuse = (errcode: number, errmsg: string): Answer => ({ status: 200, json: { errcode, errmsg }, reason: `${errcode} ${errmsg}` });
  if (request.url.pathname !== '/robot/send') return { status: 404, reason: 'unknown path' };
  if (request.method !== 'POST') return { status: 405, reason: 'not POST' };
  if (scripted === '500') return { status: 500, reason: 'scripted 500' };
  if (request.url.searchParams.get('access_token') !== server.options.token) return refuse(300001, 'token is not exist');
  const signFail = 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]';
  if (scripted === 'auth') return refuse(310000, signFail);
  if (scripted === '429') return refuse(130101, 'send too fast, exceed 20 times per minute');
  if (scripted === 'busy') return refuse(-1, '系统繁忙');
  if (server.options.secret) {
    const timestamp = request.url.searchParams.get('timestamp');
    const sign = request.url.searchParams.get('sign');
    const tolerance = (server.options.clockToleranceSeconds ?? 3600) * 1000;
    if (!timestamp || !/^\d+$/.test(timestamp) || Math.abs(serverNow(server) - Number(timestamp)) > tolerance) return refuse(310000, 'invalid timestamp');
    // searchParams.get has already URL-decoded the sign.
    const expected = createHmac('sha256', server.options.secret).update(`${timestamp}\n${server.options.secret}`).digest('base64');
    if (!sign || !safeEqual(sign, expected)) return refuse(310000, signFail);
  }
  if (!isJson(request)) return refuse(43004, '无效的HTTP HEADER Content-Type');
  const message = parseJson(request.body);
  if (!message) return refuse(40035, '缺少参数 json');
  const content = (message.text as { content?: unknown } | undefined)?.content;
  if (message.msgtype !== 'text' || typeof content !== 'string' || content === '') return refuse(40035, '缺少参数 text.content'); // code: ours
  return { status: 200, json: { errcode: 0, errmsg: 'ok' }, delivery: { kind: 'text', text: content, body: message } };
};

// ---------------------------------------------------------------------------------------------
// Telegram Bot API: HTTP status = error_code, `{ok, result | description, parameters}`.

const telegram: Handler = (request, scripted, server) => {
  const refuse = (status: number, description: string, extra: object = {}): Answer => ({
    status, json: { ok: false, error_code: status, description, ...extra }, reason: `${status} ${description}`,
  });
  const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(request.url.pathname);
  if (!match) return refuse(404, 'Not Found');
  if (scripted === '500' || scripted === 'busy') return refuse(500, 'Internal Server Error');
  if (scripted === 'auth' || decodeURIComponent(match[1] ?? '') !== server.options.token) return refuse(401, 'Unauthorized');
  if (scripted === '429') {
    const seconds = server.options.retryAfter ?? 7;
    return refuse(429, `Too Many Requests: retry after ${seconds}`, { parameters: { retry_after: seconds } });
  }
  const messageId = server.deliveries.length + 100;
  const chat = { id: Number(server.options.chat), type: 'supergroup', title: 'test chat' };
  const date = Math.floor(serverNow(server) / 1000);
  switch (match[2]) {
    case 'sendMessage': {
      const message = isJson(request) ? parseJson(request.body) : undefined;
      if (!message) return refuse(400, 'Bad Request: message text is empty');
      if (String(message.chat_id) !== server.options.chat) return refuse(400, 'Bad Request: chat not found');
      const text = message.text;
      if (typeof text !== 'string' || text.trim() === '') return refuse(400, 'Bad Request: message text is empty');
      if (text.length > 4096) return refuse(400, 'Bad Request: message is too long');
      return { status: 200, json: { ok: true, result: { message_id: messageId, date, chat, text } }, delivery: { kind: 'text', text, body: message } };
    }
    case 'sendVideo': {
      if (request.overflow) return refuse(413, 'Request Entity Too Large');
      const parts = parseMultipart(request.body, request.headers['content-type']);
      if (!parts) return refuse(400, 'Bad Request: there is no video in the request');
      const field = (name: string): string | undefined => parts.find((part) => part.name === name && part.filename === undefined)?.data.toString('utf8');
      if (field('chat_id') !== server.options.chat) return refuse(400, 'Bad Request: chat not found');
      const video = parts.find((part) => part.name === 'video' && part.filename !== undefined);
      if (!video || video.data.length === 0) return refuse(400, 'Bad Request: there is no video in the request');
      if (video.data.length > (server.options.maxUploadBytes ?? 50_000_000)) return refuse(413, 'Request Entity Too Large');
      const caption = field('caption');
      if (caption !== undefined && caption.length > 1024) return refuse(400, 'Bad Request: message caption is too long');
      const file = fileFacts(video.filename ?? '', video.data);
      return {
        status: 200,
        json: { ok: true, result: { message_id: messageId, date, chat, caption, video: { file_id: `BAAC${file.sha256.slice(0, 20)}`, file_name: file.name, file_size: file.bytes } } },
        delivery: { kind: 'video', text: caption, file, body: Object.fromEntries(parts.map((p) => [p.name, p.filename ?? p.data.toString('utf8')])) },
      };
    }
    default:
      return refuse(404, 'Not Found');
  }
};

// ---------------------------------------------------------------------------------------------
// Discord webhook: HTTP status codes, `{message, code}` errors, the message object with ?wait=true.

const discord: Handler = (request, scripted, server) => {
  const refuse = (status: number, message: string, code: number, extra: object = {}): Answer => ({
    status, json: { message, code, ...extra }, reason: `${status} ${message}`,
  });
  const match = /^\/api\/webhooks\/([^/]+)\/([^/]+)$/.exec(request.url.pathname);
  if (!match) return refuse(404, '404: Not Found', 0);
  if (request.method !== 'POST') return refuse(405, '405: Method Not Allowed', 0);
  if (scripted === '500' || scripted === 'busy') return refuse(500, '500: Internal Server Error', 0);
  if (match[1] !== server.options.webhookId) return refuse(404, 'Unknown Webhook', 10015);
  if (scripted === 'auth' || decodeURIComponent(match[2] ?? '') !== server.options.token) return refuse(401, 'Invalid Webhook Token', 50027);
  if (scripted === '429') {
    const seconds = server.options.retryAfter ?? 1.5;
    return {
      status: 429,
      headers: { 'retry-after': String(Math.ceil(seconds)), 'x-ratelimit-scope': 'shared' },
      json: { message: 'You are being rate limited.', retry_after: seconds, global: false },
      reason: '429 rate limited',
    };
  }
  if (request.overflow) return refuse(413, 'Request entity too large', 40005);
  let payload: Record<string, unknown> | undefined;
  const files: Part[] = [];
  if (isJson(request)) {
    payload = parseJson(request.body);
  } else {
    const parts = parseMultipart(request.body, request.headers['content-type']);
    if (!parts) return refuse(400, 'Cannot send an empty message', 50006);
    const json = parts.find((part) => part.name === 'payload_json' && part.filename === undefined);
    payload = json ? parseJson(json.data) : {};
    files.push(...parts.filter((part) => /^files\[\d+\]$/.test(part.name) && part.filename !== undefined));
  }
  if (!payload) return refuse(400, 'The request body contains invalid JSON.', 50109);
  const limit = server.options.maxUploadBytes ?? 8_000_000;
  if (files.some((file) => file.data.length > limit)) return refuse(413, 'Request entity too large', 40005);
  const content = typeof payload.content === 'string' ? payload.content : '';
  if (content.length > 2000) {
    return refuse(400, 'Invalid Form Body', 50035, { errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } } });
  }
  if (content === '' && files.length === 0) return refuse(400, 'Cannot send an empty message', 50006);
  const id = String(1_200_000_000_000_000_000n + BigInt(server.deliveries.length));
  const attachments = files.map((file, index) => ({ id: `${id}${index}`, filename: file.filename, size: file.data.length, content_type: file.contentType }));
  const first = files[0];
  const delivery: Omit<Delivery, 'answered'> = {
    kind: first ? (/^video\//.test(first.contentType ?? '') ? 'video' : 'image') : 'text',
    text: content,
    ...(first ? { file: fileFacts(first.filename ?? '', first.data) } : {}),
    body: payload,
  };
  const message = { id, type: 0, content, channel_id: '998877', webhook_id: server.options.webhookId, attachments, timestamp: new Date(serverNow(server)).toISOString() };
  if (request.url.searchParams.get('wait') === 'true') return { status: 200, json: message, delivery };
  return { status: 204, delivery };
};

// ---------------------------------------------------------------------------------------------
// Generic receiver verifying Standard Webhooks signatures (as the standardwebhooks libraries do).

const webhook: Handler = (request, scripted, server) => {
  const refuse = (status: number, error: string): Answer => ({ status, json: { error }, reason: `${status} ${error}` });
  if (request.url.pathname !== '/hooks/promo') return refuse(404, 'not found');
  if (request.method !== 'POST') return refuse(405, 'method not allowed');
  if (scripted === '500' || scripted === 'busy') return refuse(500, 'internal error');
  if (scripted === '429') {
    const seconds = server.options.retryAfter ?? 30;
    const value = server.options.retryAfterAsDate ? new Date(serverNow(server) + seconds * 1000).toUTCString() : String(seconds);
    return { status: 429, headers: { 'retry-after': value }, json: { error: 'slow down' }, reason: '429 rate limited' };
  }
  if (scripted === 'auth') return refuse(401, 'No matching signature found');
  const id = request.headers['webhook-id'];
  const timestamp = request.headers['webhook-timestamp'];
  const signatures = request.headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return refuse(400, 'Missing required headers');
  const tolerance = server.options.clockToleranceSeconds ?? 300;
  if (!/^\d+$/.test(timestamp) || Math.abs(serverNow(server) / 1000 - Number(timestamp)) > tolerance) return refuse(401, 'Message timestamp too old or too new');
  const secret = server.options.secret ?? '';
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${request.body.toString('utf8')}`).digest('base64');
  const valid = signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    return version === 'v1' && signature !== undefined && safeEqual(signature, expected);
  });
  if (!valid) return refuse(401, 'No matching signature found');
  if (!isJson(request)) return refuse(415, 'expected application/json');
  const payload = parseJson(request.body);
  if (!payload || payload.type !== 'promo.post' || payload.id !== id || typeof payload.text !== 'string') return refuse(400, 'unexpected payload');
  return { status: 204, delivery: { kind: 'webhook', id, text: payload.text, body: payload } };
};

const HANDLERS: Record<FakeServerType, Handler> = { wecom, feishu, dingtalk, telegram, discord, webhook };
