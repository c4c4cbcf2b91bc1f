// An HTTP server on 127.0.0.1 (a random port) for the platform fakes: handlers read bodies
// themselves (uploads are streamed and may be cut mid-way), and close() ends open connections.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT`: what a channel's `api:` is set to. */
  url: string;
  close(): Promise<void>;
}

/** Starts `handler`; an exception in it answers 500 with its message (a fake's own bug shows). */
export async function startLoopbackServer(handler: (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>): Promise<LoopbackServer> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    Promise.resolve(handler(req, res, url)).catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake server error: ${error.message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** The whole request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Answers `status` with `body` as JSON. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * The whole request body, or undefined when `cutAt` bytes arrived first: then the connection is
 * destroyed mid-upload, as a dropped network would, and the fake keeps nothing of the request.
 * `onBytes` hears the bytes received so far; answering true cuts the request there too (a test
 * that kills the sender: bytes it had already written would otherwise still arrive).
 */
export async function readBodyUnlessCut(req: IncomingMessage, cutAt: number | undefined, onBytes?: (received: number) => boolean | void): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let got = 0;
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
    got += (chunk as Buffer).length;
    if (onBytes?.(got) === true || (cutAt !== undefined && got >= cutAt)) {
      req.socket.destroy();
      return undefined;
    }
  }
  return Buffer.concat(chunks);
}

/**
 * Passes the request on to `origin` (core's OAuth fake) and its answer back: a platform fake
 * answers the service's authorize and token paths this way, so one `api:` base serves them all,
 * as the real hosts are all replaced. True when `url`'s path is one of `paths` (and it was passed on).
 */
export function forwardOAuth(req: IncomingMessage, res: ServerResponse, url: URL, origin: string, paths: readonly (string | undefined)[]): boolean {
  if (!paths.includes(url.pathname)) return false;
  const target = new URL(`${url.pathname}${url.search}`, origin);
  const upstream = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (error) => res.writeHead(502, { 'content-type': 'text/plain' }).end(`fake OAuth unreachable: ${error.message}`));
  req.pipe(upstream);
  return true;
}
