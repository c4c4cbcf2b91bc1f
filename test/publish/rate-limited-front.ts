// A loopback server in front of a fake channel service (test/helpers/fake-channel-servers.ts)
// adding what that fake does not check: the service's rate limit, counted on a clock the test
// controls, with the arrival time of every request recorded; and WeCom's `markdown` message,
// checked as the real robot checks it. Everything else is forwarded unchanged, so the fake behind
// still checks credentials, signatures, fields and sizes.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FakeServer, FakeServerType } from '../helpers/fake-channel-servers.ts';

/** At most `messages` requests in any `seconds` seconds (sliding), as documented by the service. */
export interface ServiceWindow {
  messages: number;
  seconds: number;
}

export interface Arrival {
  /** The test clock when the request arrived, ms. */
  at: number;
  path: string;
  /** Counted against the rate limit (WeCom: messages, not uploads). */
  counted: boolean;
  /** Refused by the rate limit (never reached the fake behind). */
  limited: boolean;
}

export interface MarkdownDelivery {
  content: string;
  body: Record<string, unknown>;
}

export interface RateLimitedFront {
  /** `url` (a URL of the fake behind) pointing at this front instead. */
  via(url: string): string;
  arrivals: Arrival[];
  /** WeCom markdown messages accepted by the front. */
  markdown: MarkdownDelivery[];
  /** Markdown messages refused, with the errcode. */
  markdownRejections: { errcode: number; errmsg: string }[];
  close(): Promise<void>;
}

export interface RateLimitedFrontOptions {
  /** The service's documented windows (written in the test, not taken from the code under test). */
  windows: readonly ServiceWindow[];
  /** The test's clock, ms since the epoch. */
  now: () => number;
}

// Each service's rate-limit answer, in its own shape.
const LIMITED: Record<Exclude<FakeServerType, 'webhook'>, { status: number; json: unknown; headers?: Record<string, string> }> = {
  wecom: { status: 200, json: { errcode: 45009, errmsg: 'api freq out of limit' } },
  dingtalk: { status: 200, json: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } },
  feishu: { status: 200, json: { code: 9499, data: {}, msg: 'too many request' } },
  telegram: { status: 429, json: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 5', parameters: { retry_after: 5 } } },
  discord: { status: 429, json: { message: 'You are being rate limited.', retry_after: 1.5, global: false }, headers: { 'retry-after': '2' } },
};

/** Starts a front for `fake` on 127.0.0.1 (random port). */
export async function startRateLimitedFront(fake: FakeServer, options: RateLimitedFrontOptions): Promise<RateLimitedFront> {
  if (fake.type === 'webhook') throw new Error('the generic webhook has no rate limit of its own');
  const limited = LIMITED[fake.type];
  const upstream = new URL(fake.url);
  const sockets = new Set<Socket>();
  const front: RateLimitedFront = {
    via: (url) => {
      const parsed = new URL(url);
      parsed.host = `127.0.0.1:${port}`;
      return parsed.href;
    },
    arrivals: [],
    markdown: [],
    markdownRejections: [],
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };

  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const at = options.now();
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const counted = fake.type !== 'wecom' || path.endsWith('/send');
      const recent = front.arrivals.filter((a) => a.counted && !a.limited);
      const over = counted && options.windows.some((w) => recent.filter((a) => a.at > at - w.seconds * 1000).length >= w.messages);
      front.arrivals.push({ at, path, counted, limited: over });
      if (over) {
        res.writeHead(limited.status, { 'content-type': 'application/json; charset=utf-8', ...limited.headers });
        res.end(JSON.stringify(limited.json));
        return;
      }
      if (fake.type === 'wecom' && path.endsWith('/send')) {
        const answer = wecomMarkdown(req, body, fake, front);
        if (answer) {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(answer));
          return;
        }
      }
      forward(req, body, upstream, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return front;
}

/**
 * WeCom's markdown message (developer.work.weixin.qq.com/document/path/91770#markdown类型):
 * `{"msgtype":"markdown","markdown":{"content":"…"}}`, content ≤ 4096 UTF-8 bytes. Answers it, or
 * undefined for any other message (forwarded to the fake, which checks text, image and file).
 */
function wecomMarkdown(req: IncomingMessage, body: Buffer, fake: FakeServer, front: RateLimitedFront): { errcode: number; errmsg: string } | undefined {
  let message: Record<string, unknown>;
  try {
    message = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (message.msgtype !== 'markdown') return undefined;
  const refuse = (errcode: number, errmsg: string) => {
    front.markdownRejections.push({ errcode, errmsg });
    return { errcode, errmsg };
  };
  if (req.method !== 'POST' || !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return refuse(40035, 'invalid parameter');
  if (new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('key') !== fake.options.token) return refuse(93000, 'invalid webhook url');
  const markdown = message.markdown as { content?: unknown } | undefined;
  if (typeof markdown?.content !== 'string' || markdown.content === '') return refuse(44004, 'empty content');
  if (Buffer.byteLength(markdown.content) > 4096) return refuse(40058, 'content exceed max length');
  // A markdown message carries no text part; one that did would be a text message in disguise.
  if ('text' in message) return refuse(40035, 'invalid parameter, markdown message with a text field');
  front.markdown.push({ content: markdown.content, body: message });
  return { errcode: 0, errmsg: 'ok' };
}

function forward(req: IncomingMessage, body: Buffer, upstream: URL, res: ServerResponse): void {
  const request = http.request({
    host: upstream.hostname,
    port: upstream.port,
    method: req.method,
    path: req.url,
    headers: { ...req.headers, host: upstream.host },
  }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  request.on('error', () => {
    res.writeHead(502);
    res.end();
  });
  request.end(body);
}
