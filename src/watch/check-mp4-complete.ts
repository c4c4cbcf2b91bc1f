// Whether an MP4/MOV file is whole: its top-level boxes must add up to exactly the file's size (a
// cut-off copy has a box running past the end, even a faststart one that ffprobe would accept)
// and one of them must be the 'moov' index.
import type { FileHandle } from 'node:fs/promises';
import type { Completeness } from './check-file-complete.ts';
import { readAt } from './read-at.ts';

/** Top-level MP4/QuickTime box types a real file starts with. */
const FIRST_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot', 'uuid', 'junk', 'pdin', 'styp', 'sidx', 'moof', 'meta']);

/** Walks the top-level boxes of the file open as `handle` (`size` bytes). */
export async function checkMp4Complete(handle: FileHandle, size: number): Promise<Completeness> {
  let offset = 0;
  let sawMoov = false;
  while (offset < size) {
    if (size - offset < 8) return { complete: false, reason: `a box header is cut off at byte ${offset}` };
    const header = await readAt(handle, offset, 16);
    // Zeros where a box should start: a copy that set the file's full size first (Windows and SMB
    // copies, preallocating tools) and has not written this far yet. Not damage: wait (giveUp ends it).
    if (header.subarray(0, 8).every((byte) => byte === 0)) {
      return { complete: false, reason: `the file is zeros from byte ${offset} on (a copy that reserved its full size and is still filling it?)` };
    }
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
