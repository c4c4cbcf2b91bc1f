// The video and cover a post names: checked to exist before anything is sent, measured, typed.
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
