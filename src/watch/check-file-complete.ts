// Whether a file that stopped changing is really complete, not a copy paused longer than the
// settle time. Each format is checked by its own structure where it has one: MP4/MOV boxes,
// Matroska/WebM element sizes, AVI RIFF chunks; stills (JPEG, PNG, WebP) are decoded to the last
// pixel. The other containers (MPEG-TS/M2TS/MTS and MPEG-PS: a stream of packets with no total
// size; FLV: tags with no total size; ASF/WMV) have nothing that says where the file ends, so they
// must at least probe — a copy of them paused mid-way can still be taken early.
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { checkAviComplete } from './check-avi-complete.ts';
import { checkMatroskaComplete } from './check-matroska-complete.ts';
import { checkMp4Complete } from './check-mp4-complete.ts';
import { checkStillComplete } from './check-still-complete.ts';

/**
 * complete: take it. incomplete: looks like a copy still in progress, look again later.
 * broken: can never become a video (not an MP4 at all, an empty file that stayed empty).
 */
export type Completeness =
  | { complete: true }
  | { complete: false; broken?: false; reason: string }
  | { complete: false; broken: true; reason: string };

const MP4_LIKE = new Set(['.mp4', '.mov', '.m4v', '.3gp', '.3g2']);
const MATROSKA = new Set(['.mkv', '.webm']);
const STILLS = new Set(['.jpg', '.jpeg', '.png', '.webp']);

/** Checks the file's own structure; `probe` is asked for formats promo cannot check itself. */
export async function checkFileComplete(file: string, probe: (file: string) => Promise<unknown>): Promise<Completeness> {
  const ext = extname(file).toLowerCase();
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return { complete: false, reason: 'the file is empty (0 bytes)' };
    if (MP4_LIKE.has(ext)) return await checkMp4Complete(handle, size);
    if (STILLS.has(ext)) return await checkStillComplete(file, handle, size);
    const structure = MATROSKA.has(ext) ? await checkMatroskaComplete(handle, size)
      : ext === '.avi' ? await checkAviComplete(handle, size)
        : undefined;
    if (structure) return structure;
  } finally {
    await handle.close();
  }
  try {
    await probe(file);
    return { complete: true };
  } catch (error) {
    return { complete: false, reason: (error as Error).message };
  }
}
