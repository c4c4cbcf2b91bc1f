// Whether a Matroska/WebM file is whole, from its EBML element sizes alone: a copy cut short has
// its Segment (when the muxer wrote its size, as ffmpeg and OBS do on a seekable file) or its last
// element running past the end of the file, while ffprobe happily reads the header of half a file.
// Element layout: https://www.matroska.org/technical/elements.html, EBML variable-size integers:
// RFC 8794 section 4.
import type { FileHandle } from 'node:fs/promises';
import type { Completeness } from './check-file-complete.ts';
import { readAt } from './read-at.ts';

const EBML_HEADER = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const CLUSTER = 0x1f43b675;
const VOID = 0xec;

/**
 * Walks the top level and the Segment's children. Undefined when the file cannot be judged this
 * way: a Segment child of unknown size (a live stream's clusters), which only its own children
 * would delimit.
 */
export async function checkMatroskaComplete(handle: FileHandle, size: number): Promise<Completeness | undefined> {
  const first = await readElementHeader(handle, 0, size);
  if (!first || first === 'cut' || first.id !== EBML_HEADER) {
    return { complete: false, broken: true, reason: 'it is not a Matroska/WebM video (it does not start with an EBML header)' };
  }
  let offset = 0;
  let segment: ElementHeader;
  for (;;) {
    const element = await readElementHeader(handle, offset, size);
    if (element === undefined) return { complete: false, reason: `there is no valid element at byte ${offset} (still copying, or damaged)` };
    if (element === 'cut') return { complete: false, reason: `an element header is cut off at byte ${offset} (still copying?)` };
    if (element.id === SEGMENT) {
      segment = element;
      break;
    }
    if (element.id !== EBML_HEADER && element.id !== VOID) return { complete: false, reason: `there is an unexpected element before the Segment at byte ${offset} (damaged?)` };
    if (element.size === undefined) return undefined;
    offset = element.dataStart + element.size;
    if (offset > size) return { complete: false, reason: `the EBML header needs ${offset} bytes, the file has ${size} (still copying?)` };
  }
  // Without a Segment size (written by a muxer that could not seek back), its children run to the
  // end of the file; a copy cut exactly between two of them cannot be told from a whole file.
  const end = segment.size === undefined ? size : segment.dataStart + segment.size;
  if (end > size) return { complete: false, reason: `the Segment needs ${end} bytes, the file has ${size} (still copying?)` };
  let sawCluster = false;
  for (offset = segment.dataStart; offset < end;) {
    const element = await readElementHeader(handle, offset, end);
    if (element === undefined) return { complete: false, reason: `there is no valid element at byte ${offset} (still copying, or damaged)` };
    if (element === 'cut') return { complete: false, reason: `an element header is cut off at byte ${offset} (still copying?)` };
    if (element.size === undefined) return undefined;
    const next = element.dataStart + element.size;
    if (next > end) return { complete: false, reason: `an element at byte ${offset} needs ${next} bytes, the file has ${size} (still copying?)` };
    if (element.id === CLUSTER) sawCluster = true;
    offset = next;
  }
  return sawCluster ? { complete: true } : { complete: false, reason: 'it has no video data (no Cluster) yet (still copying?)' };
}

interface ElementHeader {
  id: number;
  /** Undefined: unknown size (all value bits set). */
  size: number | undefined;
  dataStart: number;
}

/** The element header at `offset`; 'cut' when `end` comes first, undefined when not valid EBML. */
async function readElementHeader(handle: FileHandle, offset: number, end: number): Promise<ElementHeader | 'cut' | undefined> {
  const bytes = await readAt(handle, offset, Math.min(12, end - offset));
  if (bytes.length === 0) return 'cut';
  const idLength = vintLength(bytes[0]);
  if (idLength === undefined || idLength > 4) return undefined;
  if (bytes.length < idLength + 1) return 'cut';
  const sizeLength = vintLength(bytes[idLength]);
  if (sizeLength === undefined) return undefined;
  if (bytes.length < idLength + sizeLength) return 'cut';
  let id = 0;
  for (let i = 0; i < idLength; i++) id = id * 256 + bytes[i]!;
  let value = bytes[idLength]! & (0xff >> sizeLength);
  let allOnes = value === 0xff >> sizeLength;
  for (let i = 1; i < sizeLength; i++) {
    const byte = bytes[idLength + i]!;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { id, size: allOnes ? undefined : value, dataStart: offset + idLength + sizeLength };
}

/** Length in bytes of the variable-size integer starting with `first` (its leading zero bits + 1). */
function vintLength(first: number | undefined): number | undefined {
  if (first === undefined || first === 0) return undefined;
  return Math.clz32(first) - 23;
}
