// httpRequest against a loopback server that answers each path its own way.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileRangeBody, httpRequest, jsonBody } from '../../src/publish/http-request.ts';
import { httpStatusError } from '../../src/publish/http-status-error.ts';
import { parseRetryAfter } from '../../src/publish/parse-retry-after.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import type { SendScope } from '../../src/publish/send-scope.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { CANARY, channelErrorOf, makeContext } from './publish-test-helpers.ts';

let origin = '';
const sockets = new Set<Socket>();
/** /hang requests the server has read, and how many of their connections the client then closed. */
const hangs = { received: 0, closed: 0 };
const server = http.createServer((req, res) => {
  if (req.url === '/hash') {
    const hash = createHash('sha256');
    let length = 0;
    req.on('data', (chunk: Buffer) => { hash.update(chunk); length += chunk.length; });
    req.on('end', () => res.writeHead(200).end(JSON.stringify({ length, sha256: hash.digest('hex') })));
    return;
  }
  let body = '';
  req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
  req.on('end', () => {
    const path = req.url ?? '/';
    if (path.startsWith('/echo')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, type: req.headers['content-type'], length: req.headers['content-length'], body }));
    } else if (path.startsWith('/status/')) {
      const status = Number(path.split('/')[2]);
      const headers: Record<string, string> = path.includes('date') ? { 'retry-after': new Date(Date.now() + 120_000).toUTCString() } : { 'retry-after': '42' };
      if (status >= 300 && status < 400) headers.location = `http://example.com/?key=${CANARY}`;
      res.writeHead(status, headers);
      res.end(`service says: ${path}`);
    } else if (path.startsWith('/hang')) {
      // never answers: only the client can end the exchange
      hangs.received += 1;
      req.socket.once('close', () => { hangs.closed += 1; });
    } else if (path.startsWith('/drop')) {
      req.socket.destroy();
    } else if (path.startsWith('/slow-body')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
    }
  });
});
server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function scope(overrides: Partial<SendScope['context']> = {}): SendScope {
  return { label: 'test channel', secrets: [CANARY], context: makeContext({ timeoutMs: 400, ...overrides }) };
}

describe('httpRequest', () => {
  it('sends the body with its content type and length, and returns the answer', async () => {
    const response = await httpRequest({ url: new URL(`${origin}/echo`), body: jsonBody('{"a":"é"}') }, scope());
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ method: 'POST', type: 'application/json; charset=utf-8', length: '10', body: '{"a":"é"}' });
  });

  it('PUTs a range of a file, streamed from disk, and fails locally when the file is shorter', async () => {
    const file = join(makeTempDir('promo-range-'), 'data.bin');
    await writeFile(file, 'abcdefghij');
    const response = await httpRequest({ url: new URL(`${origin}/echo`), method: 'PUT', body: fileRangeBody(file, 2, 7, 'video/mp4') }, scope());
    expect(JSON.parse(response.text)).toEqual({ method: 'PUT', type: 'video/mp4', length: '5', body: 'cdefg' });
    const error = await channelErrorOf(httpRequest({ url: new URL(`${origin}/echo`), method: 'PUT', body: fileRangeBody(file, 8, 12, 'video/mp4') }, scope()));
    expect(error.options).toEqual({ retryable: false });
    expect(error.message).toMatch(/could not read a file to upload: .*shorter than when it was measured/);
  });

  it('sends a range of several megabytes intact (the read buffer is reused from chunk to chunk)', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 12_345);
    const file = join(makeTempDir('promo-range-'), 'big.bin');
    await writeFile(file, data);
    const start = 777;
    const response = await httpRequest({ url: new URL(`${origin}/hash`), method: 'PUT', body: fileRangeBody(file, start, data.length, 'video/mp4') }, scope({ timeoutMs: 10_000 }));
    expect(JSON.parse(response.text)).toEqual({ length: data.length - start, sha256: createHash('sha256').update(data.subarray(start)).digest('hex') });
  });

  it('takes a timeout of its own for one request (a large upload chunk)', async () => {
    const error = await channelErrorOf(httpRequest({ url: new URL(`${origin}/hang`), body: jsonBody('{}'), timeoutMs: 150 }, scope()));
    expect(error.message).toMatch(/no answer within 0\.2 s/);
  });

  it('times out a request that gets no answer: retryable, and maybe delivered since the body was sent', async () => {
    const before = { ...hangs };
    const error = await channelErrorOf(httpRequest({ url: new URL(`${origin}/hang`), body: jsonBody('{}') }, scope()));
    expect(error.options).toMatchObject({ retryable: true, maybeDelivered: true });
    expect(error.message).toMatch(/no answer within 0\.4 s/);
    // The server got the request and never answered: the client itself hung up.
    expect(hangs.received).toBe(before.received + 1);
    await waitFor(() => hangs.closed === before.closed + 1, 'the server to see the unanswered connection closed', 10_000);
  });

  it('times out an answer that stops halfway: maybe delivered', async () => {
    const error = await channelErrorOf(httpRequest({ url: new URL(`${origin}/slow-body`), body: jsonBody('{}') }, scope()));
    expect(error.options).toMatchObject({ retryable: true, maybeDelivered: true });
  });

  it('reports a connection dropped after sending as retryable and maybe delivered', async () => {
    const error = await channelErrorOf(httpRequest({ url: new URL(`${origin}/drop`), body: jsonBody('{}') }, scope()));
    expect(error.options).toMatchObject({ retryable: true, maybeDelivered: true });
  });

  it('does not call an upload that failed after sending "maybe delivered"', async () => {
    const error = await channelErrorOf(httpRequest({ url: new URL(`${origin}/drop`), body: jsonBody('{}'), postsNothing: true }, scope()));
    expect(error.options.retryable).toBe(true);
    expect(error.options.maybeDelivered).toBeFalsy();
  });

  it('reports a refused connection as retryable and not delivered', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await channelErrorOf(httpRequest({ url: new URL(`http://127.0.0.1:${port}/x`), body: jsonBody('{}') }, scope()));
    expect(error.options.retryable).toBe(true);
    expect(error.options.maybeDelivered).toBeFalsy();
    expect(error.message).toMatch(/connection refused/);
  });

  it('stops when the caller aborts, marked cancelled', async () => {
    const controller = new AbortController();
    const before = { ...hangs };
    const failed = channelErrorOf(httpRequest({ url: new URL(`${origin}/hang`), body: jsonBody('{}') }, scope({ signal: controller.signal, timeoutMs: 120_000 })));
    await waitFor(() => hangs.received === before.received + 1, 'the server to receive the request', 10_000);
    controller.abort();
    const error = await failed;
    expect(error.options).toMatchObject({ retryable: true, cancelled: true, maybeDelivered: true });
    await waitFor(() => hangs.closed === before.closed + 1, 'the server to see the cancelled connection closed', 10_000);
  });

  it('refuses a non-http scheme without sending', async () => {
    const error = await channelErrorOf(httpRequest({ url: new URL('file:///etc/passwd') }, scope()));
    expect(error.options.retryable).toBe(false);
  });
});

describe('httpStatusError', () => {
  const statusOf = async (status: number, suffix = ''): Promise<ReturnType<typeof httpStatusError>> => {
    const s = scope();
    return httpStatusError(await httpRequest({ url: new URL(`${origin}/status/${status}${suffix}`), body: jsonBody('{}') }, s), s);
  };

  it('is undefined for 2xx', async () => {
    expect(await statusOf(200)).toBeUndefined();
    expect(await statusOf(204)).toBeUndefined();
  });

  it('makes 429 retryable with Retry-After in seconds or as an HTTP date', async () => {
    expect((await statusOf(429))?.options).toEqual({ retryable: true, retryAfter: 42 });
    const dated = await statusOf(429, '/date');
    expect(dated?.options.retryable).toBe(true);
    expect(dated?.options.retryAfter).toBeGreaterThanOrEqual(118);
    expect(dated?.options.retryAfter).toBeLessThanOrEqual(121);
  });

  it('makes 5xx and 408 retryable, 504 also maybe delivered', async () => {
    expect((await statusOf(500))?.options).toEqual({ retryable: true });
    expect((await statusOf(503))?.options).toEqual({ retryable: true });
    expect((await statusOf(408))?.options).toEqual({ retryable: true });
    expect((await statusOf(504))?.options).toEqual({ retryable: true, maybeDelivered: true });
  });

  it('makes 401/403 auth errors and other 4xx final, quoting the service', async () => {
    expect((await statusOf(401))?.options).toEqual({ retryable: false, auth: true });
    expect((await statusOf(403))?.options).toEqual({ retryable: false, auth: true });
    const notFound = await statusOf(404);
    expect(notFound?.options).toEqual({ retryable: false });
    expect(notFound?.message).toBe('test channel: HTTP 404: service says: /status/404');
  });

  it('does not follow redirects and does not show where they point', async () => {
    const error = await statusOf(302);
    expect(error?.options.retryable).toBe(false);
    expect(error?.message).toMatch(/redirect/);
    expect(error?.message).not.toContain(CANARY);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-05-01T12:00:00Z');
  it('reads seconds, fractions and HTTP dates, never negative', () => {
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('1.5', now)).toBe(1.5);
    expect(parseRetryAfter('Fri, 01 May 2026 12:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Fri, 01 May 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
