// Whether an AVI file is whole: it is a series of RIFF chunks ('AVI ', then 'AVIX' for each
// further gigabyte of an OpenDML file), each with its size, and a copy cut short has its last
// one running past the end of the file.
import type { FileHandle } from 'node:fs/promises';
import type { Completeness } from './check-file-complete.ts';
import { readAt } from './read-at.ts';

/**
 * Walks the RIFF chunks of the file open as `handle` (`size` bytes). Undefined when a chunk has
 * no size (a writer that could not seek back to fill it in): then only a probe can judge.
 */
export async function checkAviComplete(handle: FileHandle, size: number): Promise<Completeness | undefined> {
  for (let offset = 0; offset < size;) {
    const header = await readAt(handle, offset, 12);
    const isRiff = header.toString('latin1', 0, 4) === 'RIFF';
    if (offset === 0 && !(isRiff && header.toString('latin1', 8, 12) === 'AVI ')) {
      return header.length < 12 && 'RIFF'.startsWith(header.toString('latin1', 0, 4))
        ? { complete: false, reason: `only ${size} bytes so far (still copying?)` }
        : { complete: false, broken: true, reason: "it is not an AVI video (it does not start with a RIFF 'AVI ' header)" };
    }
    if (offset > 0 && !isRiff) {
      // Bytes that begin like another RIFF header are one being copied; anything else is data
      // some writer left after the last chunk, which a partial copy cannot produce.
      return 'RIFF'.startsWith(header.toString('latin1', 0, Math.min(4, header.length)))
        ? { complete: false, reason: `a RIFF header is cut off at byte ${offset} (still copying?)` }
        : { complete: true };
    }
    if (header.length < 12) return { complete: false, reason: `a RIFF header is cut off at byte ${offset} (still copying?)` };
    const chunkSize = header.readUInt32LE(4);
    if (chunkSize < 4) return undefined;
    const end = offset + 8 + chunkSize;
    if (end > size) return { complete: false, reason: `the RIFF '${header.toString('latin1', 8, 12).trim()}' chunk needs ${end} bytes, the file has ${size} (still copying?)` };
    offset = end + (chunkSize % 2 === 1 && end < size ? 1 : 0); // an odd chunk is followed by a pad byte
  }
  return { complete: true };
}
