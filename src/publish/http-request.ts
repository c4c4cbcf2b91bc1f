// The one place channels talk HTTP. Built on node:http rather than fetch because whether a
// failure can have posted the announcement depends on whether the request body had left this
// machine, and only node:http says so ('finish'). Every failure becomes a ChannelError that says
// whether to retry; no message contains a URL (they hold tokens) and all are redacted.
import { open } from 'node:fs/promises';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { ChannelError } from './channel-types.ts';
import { scopedError, type SendScope } from './send-scope.ts';

export interface RequestBody {
  contentType: string;
  /** Bytes, sent as Content-Length. */
  length: number;
  /** The bytes, in order. A chunk's buffer may be reused once the next chunk is asked for. */
  chunks(): AsyncIterable<Buffer>;
}

export interface HttpRequest {
  url: URL;
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: RequestBody;
  /** The request shows nothing to anyone (an upload): a failure after sending is not "maybe posted". */
  postsNothing?: boolean;
  /** This request's timeout, ms, instead of `scope.context.timeoutMs` (a large upload chunk). */
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as text (at most MAX_RESPONSE_BYTES of it). */
  text: string;
}

const USER_AGENT = 'promo (live-commerce announcements)';
// Answers are small JSON objects; anything longer is an error page, of which the start is enough.
const MAX_RESPONSE_BYTES = 1_000_000;

/** A request body of JSON text (already serialized: signatures are computed over these bytes). */
export function jsonBody(json: string): RequestBody {
  const bytes = Buffer.from(json, 'utf8');
  return { contentType: 'application/json; charset=utf-8', length: bytes.length, chunks: async function* () { yield bytes; } };
}

/**
 * Bytes [start, end) of the file at `path`, streamed from disk when sent (uploads in chunks:
 * memory stays flat whatever the file size). The file must not change size while it is sent.
 */
export function fileRangeBody(path: string, start: number, end: number, contentType: string): RequestBody {
  return {
    contentType,
    length: end - start,
    async *chunks() {
      if (end <= start) return;
      // One 1 MiB buffer, read into again for each chunk: no garbage per chunk (a fresh buffer
      // each time cost page faults and collections, and memory, on a 1 GB upload).
      const buffer = Buffer.allocUnsafe(Math.min(1 << 20, end - start));
      const file = await open(path, 'r');
      try {
        for (let at = start; at < end;) {
          const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, end - at), at);
          if (bytesRead === 0) throw new Error(`${path} is shorter than when it was measured (bytes ${start}-${end - 1} wanted, ${at - start} read)`);
          at += bytesRead;
          yield buffer.subarray(0, bytesRead);
        }
      } finally {
        await file.close();
      }
    },
  };
}

/**
 * Sends one request and reads the answer, whatever its status. Throws a ChannelError only when
 * there is no answer: timeout (`scope.context.timeoutMs`, whole exchange), cancel, network error.
 */
export function httpRequest(request: HttpRequest, scope: SendScope): Promise<HttpResponse> {
  const { context } = scope;
  const timeoutMs = request.timeoutMs ?? context.timeoutMs;
  const client = request.url.protocol === 'https:' ? https : request.url.protocol === 'http:' ? http : undefined;
  if (!client) return Promise.reject(scopedError(scope, `unsupported URL scheme "${request.url.protocol}" (use https:)`, { retryable: false }));
  if (context.signal.aborted) return Promise.reject(scopedError(scope, 'cancelled before sending', { retryable: true, cancelled: true }));

  return new Promise<HttpResponse>((resolve, reject) => {
    const headers: Record<string, string | number> = { 'user-agent': USER_AGENT, accept: 'application/json', ...request.headers };
    if (request.body) {
      headers['content-type'] = request.body.contentType;
      headers['content-length'] = request.body.length;
    }
    // agent: false: a fresh connection per request. Posts are rare, and a reused keep-alive
    // socket that the server already closed fails in a way indistinguishable from a drop.
    const req = client.request(request.url, { method: request.method ?? 'POST', headers, agent: false });
    let bodySent = false;
    let stoppedBy: 'timeout' | 'cancel' | 'local' | undefined;
    let settled = false;

    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      context.signal.removeEventListener('abort', onAbort);
      action();
    };
    const fail = (error: Error, sent: boolean): void => settle(() => {
      req.destroy();
      reject(transportError(error, stoppedBy, sent && !request.postsNothing, scope, timeoutMs));
    });
    const timer = setTimeout(() => {
      stoppedBy = 'timeout';
      req.destroy(new Error('timeout'));
    }, timeoutMs);
    const onAbort = (): void => {
      stoppedBy = 'cancel';
      req.destroy(new Error('cancelled'));
    };
    context.signal.addEventListener('abort', onAbort, { once: true });

    req.on('finish', () => { bodySent = true; });
    req.on('error', (error) => fail(error, bodySent));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept >= MAX_RESPONSE_BYTES) return;
        chunks.push(chunk);
        kept += chunk.length;
      });
      // An answer has started: the request reached the service.
      res.on('error', (error) => fail(error, true));
      res.on('close', () => {
        if (!res.complete) fail(new Error('connection closed during the answer'), true);
      });
      res.on('end', () => settle(() => resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        text: Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8'),
      })));
    });

    if (!request.body) {
      req.end();
      return;
    }
    void pumpBody(request.body, req, () => settled).catch((error: Error) => {
      stoppedBy = 'local';
      fail(error, false);
    });
  });
}

// Writes the body's chunks one after the other, each once the previous one has been handed to
// the socket: a chunk's buffer may be reused for the next (fileRangeBody does), so an upload
// holds one chunk in memory. Rejects only when reading the body fails; a failed write is the
// request's own 'error'.
async function pumpBody(body: RequestBody, req: http.ClientRequest, stopped: () => boolean): Promise<void> {
  const closed = new Promise<false>((resolve) => req.once('close', () => resolve(false)));
  for await (const chunk of body.chunks()) {
    if (stopped()) return;
    const written = new Promise<boolean>((resolve) => req.write(chunk, (error) => resolve(!error)));
    // A request destroyed meanwhile may never call back: its 'close' ends the wait (and the body is closed).
    if (!(await Promise.race([written, closed]))) return;
  }
  if (!stopped()) req.end();
}

function transportError(error: Error & { code?: string }, stoppedBy: 'timeout' | 'cancel' | 'local' | undefined, sent: boolean, scope: SendScope, timeoutMs: number): ChannelError {
  const seconds = Math.round(timeoutMs / 100) / 10;
  const mayHavePosted = sent ? ': the request had been sent, so it may have been posted' : '';
  if (stoppedBy === 'cancel') {
    return scopedError(scope, `cancelled${mayHavePosted}`, { retryable: true, cancelled: true, maybeDelivered: sent });
  }
  if (stoppedBy === 'timeout') {
    const what = sent ? `no answer within ${seconds} s` : `could not send the request within ${seconds} s`;
    return scopedError(scope, `${what}${mayHavePosted}`, { retryable: true, maybeDelivered: sent });
  }
  if (stoppedBy === 'local') {
    return scopedError(scope, `could not read a file to upload: ${error.message}`, { retryable: false });
  }
  const code = error.code ?? '';
  if (/CERT|TLS|SSL/.test(code)) {
    return scopedError(scope, `TLS certificate problem (${code}): ${error.message}`, { retryable: false });
  }
  if (code === 'ECONNREFUSED') return scopedError(scope, 'connection refused', { retryable: true });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return scopedError(scope, `cannot resolve the host (${code})`, { retryable: true });
  }
  const what = code ? `${code}: ${error.message}` : error.message;
  return scopedError(scope, `connection failed (${what})${mayHavePosted}`, { retryable: true, maybeDelivered: sent });
}
