// Where a JPEG's end-of-image marker is, found by walking its marker segments and scanning its
// entropy-coded data (where a 0xFF byte is always followed by 0x00 or a restart marker), so an EOI
// inside an embedded EXIF thumbnail is skipped and data after the real EOI (motion photos, maker
// trailers) is allowed. A copy cut short, or one whose space was reserved and is still zeros,
// has no EOI. Markers: ITU-T T.81, annex B.
import type { FileHandle } from 'node:fs/promises';
import type { Completeness } from './check-file-complete.ts';
import { readAt } from './read-at.ts';

const SCAN_CHUNK = 64 * 1024;

/** Complete when the JPEG open as `handle` (`size` bytes, starting with SOI) reaches its EOI. */
export async function findJpegEnd(handle: FileHandle, size: number): Promise<Completeness> {
  const incomplete = (reason: string): Completeness => ({ complete: false, reason: `${reason} (still copying?)` });
  for (let offset = 2; ;) {
    const header = await readAt(handle, offset, 4);
    if (header.length < 2) return incomplete('the JPEG has no end-of-image marker yet');
    if (header[0] !== 0xff) return incomplete(`the JPEG has no marker at byte ${offset}`);
    const marker = header[1]!;
    if (marker === 0xd9) return { complete: true };
    if (marker === 0xff) {
      offset += 1; // fill byte before a marker
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    if (header.length < 4) return incomplete(`a JPEG marker is cut off at byte ${offset}`);
    const next = offset + 2 + header.readUInt16BE(2);
    if (next > size) return incomplete(`a JPEG segment at byte ${offset} needs ${next} bytes, the file has ${size}`);
    offset = marker === 0xda ? await skipEntropyData(handle, next, size) : next;
    if (offset >= size) return incomplete('the JPEG has no end-of-image marker yet');
  }
}

/** The offset of the first marker at or after `from` in entropy-coded data (`size` when none). */
async function skipEntropyData(handle: FileHandle, from: number, size: number): Promise<number> {
  for (let position = from; position < size;) {
    // One byte of overlap, so a 0xFF at the end of a chunk is read with the byte after it.
    const chunk = await readAt(handle, position, SCAN_CHUNK + 1);
    for (let i = chunk.indexOf(0xff); i !== -1 && i + 1 < chunk.length; i = chunk.indexOf(0xff, i + 1)) {
      const next = chunk[i + 1]!;
      if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return position + i;
    }
    if (chunk.length <= SCAN_CHUNK) break;
    position += SCAN_CHUNK;
  }
  return size;
}
