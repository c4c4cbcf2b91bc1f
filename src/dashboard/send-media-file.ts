// Streams one media file the dashboard found in a manifest or an outbox post (never a path from
// the request) with HTTP Range, so a <video> can seek and Safari plays at all. The file must be
// a regular file that, with every symlink resolved, is still inside its root (`out`, the outbox):
// a symlink an artifact's name was replaced by cannot reach /etc. One range per request (what
// browsers ask for); a multipart/byteranges answer is not needed by any player.
import { open, realpath } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, relative, isAbsolute, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
};

export interface MediaFile {
  /** Absolute path as the manifest or outbox lists it. */
  file: string;
  /** The folder it must stay inside once symlinks are resolved. */
  root: string;
}

/** Content-Type of a media file by its extension (undefined: not a kind the dashboard serves). */
export function mediaType(file: string): string | undefined {
  return TYPES[extname(file).toLowerCase()];
}

/** Answers `req` with the file (200, 206 or 416), or 404 when it is gone, not a file or outside its root. */
export async function sendMediaFile(req: IncomingMessage, res: ServerResponse, media: MediaFile): Promise<void> {
  const type = mediaType(media.file);
  const real = await realpath(media.file).catch(() => undefined);
  const root = await realpath(media.root).catch(() => undefined);
  if (!type || !real || !root || !isInside(root, real)) return notFound(res);
  // Opened once and streamed from that descriptor: a rename between the check and the read cannot swap the file.
  const handle = await open(real, 'r').catch(() => undefined);
  if (!handle) return notFound(res);
  let streaming = false;
  try {
    const info = await handle.stat();
    if (!info.isFile()) return notFound(res);
    const size = info.size;
    const headers: Record<string, string | number> = {
      'content-type': type,
      'accept-ranges': 'bytes',
      // The id names the path, not the bytes: a re-render must be fetched again.
      'cache-control': 'no-cache',
      'last-modified': info.mtime.toUTCString(),
    };
    const range = parseRange(req.headers.range, size);
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${size}` });
      res.end();
      return;
    }
    const [start, end] = range ?? [0, size - 1];
    const length = size === 0 ? 0 : end - start + 1;
    res.writeHead(range ? 206 : 200, {
      ...headers,
      'content-length': length,
      ...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
    });
    if (req.method === 'HEAD' || length === 0) {
      res.end();
      return;
    }
    streaming = true;
    // The stream owns the handle from here and closes it once, when it ends or is destroyed. (A
    // stream made from the bare fd closed it on destroy() even with autoClose off, and closing the
    // handle as well closed that number a second time: by then a socket's, which dropped a keep-alive
    // connection now and then.)
    const stream = handle.createReadStream({ start, end, autoClose: true });
    await new Promise<void>((resolve) => {
      stream.on('close', resolve);
      stream.on('error', () => res.destroy());
      res.on('close', () => stream.destroy());
      stream.pipe(res);
    });
  } finally {
    if (!streaming) {
      await handle.close();
      if (!res.writableEnded) res.end();
    }
  }
}

/**
 * `bytes=a-b`, `bytes=a-`, `bytes=-n` (the last n bytes); undefined for no Range or one that is
 * not a single valid byte range (then the whole file is sent, as RFC 9110 allows).
 */
export function parseRange(header: string | undefined, size: number): [number, number] | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(match[1]);
  if (match[2] !== '' && Number(match[2]) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return [start, end];
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('no such media\n');
}
