// Whether a JPEG, PNG or WebP image is whole: recognised by its first bytes (whatever its
// extension), its structure checked (the JPEG's end-of-image marker, found by walking the file
// since data may follow it; PNG chunks up to IEND; the WebP RIFF size), then decoded completely.
// Not detectable: a lossy WebP whose space a copy reserved and has not yet filled (zeros decode).
import type { FileHandle } from 'node:fs/promises';
import { checkStillDecode } from '../media/check-still-decode.ts';
import type { Completeness } from './check-file-complete.ts';
import { findJpegEnd } from './find-jpeg-end.ts';
import { readAt } from './read-at.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Checks the still at `file` (open as `handle`, `size` bytes). */
export async function checkStillComplete(file: string, handle: FileHandle, size: number): Promise<Completeness> {
  const head = await readAt(handle, 0, 16);
  let structure: Completeness;
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) structure = await findJpegEnd(handle, size);
  else if (head.length >= 8 && head.subarray(0, 8).equals(PNG_SIGNATURE)) structure = await checkPngChunks(handle, size);
  else if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') {
    const needed = 8 + head.readUInt32LE(4);
    structure = needed > size ? { complete: false, reason: `the WebP needs ${needed} bytes, the file has ${size} (still copying?)` } : { complete: true };
  } else if (head.length < 12 && beginsLikeAStill(head)) {
    return { complete: false, reason: `only ${head.length} bytes so far (still copying?)` };
  } else {
    return { complete: false, broken: true, reason: 'it is not a JPEG, PNG or WebP image (its first bytes are none of these)' };
  }
  if (!structure.complete) return structure;
  try {
    await checkStillDecode(file);
    return { complete: true };
  } catch (error) {
    return { complete: false, reason: `the image does not decode to the end (${(error as Error).message.split('\n')[0]}); still copying?` };
  }
}

/** Whether a file this short may still become a JPEG, PNG or WebP image. */
function beginsLikeAStill(head: Buffer): boolean {
  const startsAs = (magic: Buffer, at = 0) => head.subarray(at, at + magic.length).equals(magic.subarray(0, Math.max(0, Math.min(magic.length, head.length - at))));
  return startsAs(Buffer.from([0xff, 0xd8, 0xff])) || startsAs(PNG_SIGNATURE) || (startsAs(Buffer.from('RIFF')) && startsAs(Buffer.from('WEBP'), 8));
}

/** PNG: every chunk fits in the file, up to IEND (a decoder does not need IEND, a whole file has it). */
async function checkPngChunks(handle: FileHandle, size: number): Promise<Completeness> {
  for (let offset = PNG_SIGNATURE.length; ;) {
    const header = await readAt(handle, offset, 8);
    if (header.length < 8) return { complete: false, reason: `the PNG has no IEND chunk yet (it ends at byte ${size})` };
    const type = header.toString('latin1', 4, 8);
    if (!/^[A-Za-z]{4}$/.test(type)) return { complete: false, reason: `the PNG has no valid chunk at byte ${offset} (still copying, or damaged)` };
    const next = offset + 12 + header.readUInt32BE(0);
    if (next > size) return { complete: false, reason: `the PNG's '${type}' chunk needs ${next} bytes, the file has ${size} (still copying?)` };
    if (type === 'IEND') return { complete: true };
    offset = next;
  }
}
