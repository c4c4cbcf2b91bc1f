// The video and cover a post names: checked to exist before anything is sent, measured, hashed.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { scopedError, type SendScope } from './send-scope.ts';

export interface Attachment {
  path: string;
  /** Base name, as shown to people and sent as the upload's filename. */
  name: string;
  bytes: number;
  contentType: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4', '.m4v': 'video/mp4', '.mov': 'video/quicktime', '.webm': 'video/webm',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp',
};

/** The post's `what` ('video', 'cover') at `path`; a missing file fails the send, not retryable. */
export async function readAttachment(path: string, what: string, scope: SendScope): Promise<Attachment> {
  let bytes: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    bytes = info.size;
  } catch (error) {
    throw scopedError(scope, `the ${what} ${path} cannot be read (${(error as Error).message})`, { retryable: false });
  }
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  return { path, name: basename(path), bytes, contentType };
}

/** Hex digest of a file, read as a stream. */
export async function hashFile(path: string, algorithm: 'sha256' | 'md5'): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** `12.3 MB`: sizes as people read them in notes and details. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/**
 * The line added to a post's text when its video could not be attached, so readers know a video
 * exists and the team knows which file to post by hand. Returned only when it fits in `limit`
 * (measured by `measure`); otherwise the text goes out alone and the send result says why.
 */
export function withVideoNote(text: string, video: Attachment, reason: string, limit: number, measure: (text: string) => number, url?: string): string {
  // With a public address the video is linked; otherwise the note at least names it.
  const noted = url ? `${text}\n\n▶ ${url}` : `${text}\n\n(video ${video.name}, ${formatMegabytes(video.bytes)}, not attached: ${reason})`;
  return measure(noted) <= limit ? noted : text;
}

/** The text with a link to the video appended, when there is one and it fits (text-only channels). */
export function withVideoLink(text: string, url: string | undefined, limit: number, measure: (text: string) => number): string {
  if (!url) return text;
  const linked = `${text}\n\n▶ ${url}`;
  return measure(linked) <= limit ? linked : text;
}

/** UTF-8 bytes of a text. */
export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
/** Characters as the chat services count them: UTF-16 code units, the safe upper bound. */
export const utf16Units = (text: string): number => text.length;
