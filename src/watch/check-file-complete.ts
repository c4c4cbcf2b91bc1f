// Whether a file that stopped changing is really complete, not a copy paused longer than the
// settle time. For MP4/MOV the top-level boxes must add up to exactly the file's size (a cut-off
// copy has a box running past the end, even a faststart one that ffprobe would accept). JPEG
// must end with its end-of-image marker, PNG with IEND. Anything else must at least probe.
import { open } from 'node:fs/promises';
import { extname } from 'node:path';

/**
 * complete: take it. incomplete: looks like a copy still in progress, look again later.
 * broken: can never become a video (not an MP4 at all, an empty file that stayed empty).
 */
export type Completeness =
  | { complete: true }
  | { complete: false; broken?: false; reason: string }
  | { complete: false; broken: true; reason: string };

/** Top-level MP4/QuickTime box types a real file starts with. */
const FIRST_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot', 'uuid', 'junk', 'pdin', 'styp', 'sidx', 'moof', 'meta']);

const MP4_LIKE = new Set(['.mp4', '.mov', '.m4v', '.3gp', '.3g2']);

/** Checks the file's own structure; `probe` is asked for formats promo cannot check itself. */
export async function checkFileComplete(file: string, probe: (file: string) => Promise<unknown>): Promise<Completeness> {
  const ext = extname(file).toLowerCase();
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return { complete: false, reason: 'the file is empty (0 bytes)' };
    if (MP4_LIKE.has(ext)) return await checkBoxes(handle, size);
    if (ext === '.jpg' || ext === '.jpeg') {
      const tail = await readAt(handle, Math.max(0, size - 2), 2);
      return tail[0] === 0xff && tail[1] === 0xd9 ? { complete: true } : { complete: false, reason: 'the JPEG has no end-of-image marker yet' };
    }
    if (ext === '.png') {
      const tail = await readAt(handle, Math.max(0, size - 12), 12);
      return tail.subarray(4, 8).toString('latin1') === 'IEND' ? { complete: true } : { complete: false, reason: 'the PNG has no IEND chunk yet' };
    }
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

async function checkBoxes(handle: import('node:fs/promises').FileHandle, size: number): Promise<Completeness> {
  let offset = 0;
  let sawMoov = false;
  while (offset < size) {
    if (size - offset < 8) return { complete: false, reason: `a box header is cut off at byte ${offset}` };
    const header = await readAt(handle, offset, 16);
    let boxSize = header.readUInt32BE(0);
    const type = header.subarray(4, 8).toString('latin1');
    if (offset === 0 && !FIRST_BOXES.has(type)) {
      return { complete: false, broken: true, reason: 'it is not an MP4/MOV video (its first bytes are not an MP4 box)' };
    }
    if (!/^[\x20-\x7e]{4}$/.test(type)) return { complete: false, broken: true, reason: `it is damaged: no valid MP4 box at byte ${offset}` };
    if (boxSize === 1) {
      if (size - offset < 16) return { complete: false, reason: `a box header is cut off at byte ${offset}` };
      boxSize = Number(header.readBigUInt64BE(8));
    } else if (boxSize === 0) {
      boxSize = size - offset; // runs to the end of the file by definition
    }
    if (boxSize < 8) return { complete: false, reason: `a box at byte ${offset} has an impossible size` };
    if (offset + boxSize > size) return { complete: false, reason: `the '${type}' box needs ${offset + boxSize} bytes, the file has ${size} (still copying?)` };
    if (type === 'moov') sawMoov = true;
    offset += boxSize;
  }
  return sawMoov ? { complete: true } : { complete: false, reason: "there is no 'moov' box yet (still recording or copying?)" };
}

async function readAt(handle: import('node:fs/promises').FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}
