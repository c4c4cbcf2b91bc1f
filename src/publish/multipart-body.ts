// multipart/form-data built by hand so that videos stream from disk (no 50 MB buffers) and the
// Content-Length is known up front (some upload endpoints refuse chunked bodies).
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { RequestBody } from './http-request.ts';

export type MultipartPart =
  | { name: string; value: string }
  /** A file, or with `start` its `size` bytes from there (one part of a chunked upload). */
  | { name: string; file: string; filename: string; contentType: string; size: number; start?: number };

/** A request body of `parts`; file parts are read from disk when the body is sent. */
export function multipartBody(parts: readonly MultipartPart[]): RequestBody {
  const boundary = `----promo-${randomBytes(16).toString('hex')}`;
  const pieces: (Buffer | { file: string; size: number; start?: number })[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${escapeQuoted(part.name)}"`;
    if ('value' in part) {
      pieces.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`));
      pieces.push(Buffer.from(part.value, 'utf8'), Buffer.from('\r\n'));
    } else {
      pieces.push(Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}; filename="${escapeQuoted(part.filename)}"\r\n` +
        `Content-Type: ${part.contentType}\r\n\r\n`,
      ));
      pieces.push({ file: part.file, size: part.size, ...(part.start === undefined ? {} : { start: part.start }) }, Buffer.from('\r\n'));
    }
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  const length = pieces.reduce((sum, piece) => sum + (Buffer.isBuffer(piece) ? piece.length : piece.size), 0);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    async *chunks() {
      for (const piece of pieces) {
        if (Buffer.isBuffer(piece)) {
          yield piece;
          continue;
        }
        // An empty range has no valid `end` for createReadStream: nothing to read.
        if (piece.size === 0) continue;
        let read = 0;
        const range = piece.start === undefined ? {} : { start: piece.start, end: piece.start + piece.size - 1 };
        for await (const chunk of createReadStream(piece.file, range)) {
          read += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
        // A file that changed size since it was measured would make Content-Length lie.
        if (read !== piece.size) throw new Error(`${piece.file} changed size while being sent (${piece.size} → ${read} bytes)`);
      }
    },
  };
}

// As browsers and undici do (WHATWG multipart/form-data encoding): UTF-8 names kept raw, only
// the characters that would end the quoted string or the header escaped.
function escapeQuoted(text: string): string {
  return text.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}
