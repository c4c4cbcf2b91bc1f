// The size of an image drawn earlier under its content-keyed name, read from the PNG header
// without decoding it (no sharp call on the path to the encode's spawn).
import { open } from 'node:fs/promises';
import { markUsed } from '../util/mark-used.ts';

// A PNG starts with its 8-byte signature and then the IHDR chunk: length, type, width, height.
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** `file`'s width and height when a PNG of that name exists (written whole: write-image-atomic.ts), else undefined; marks it used. */
export async function readKeptImage(file: string): Promise<{ width: number; height: number } | undefined> {
  let header: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      header = Buffer.alloc(24);
      const { bytesRead } = await handle.read(header, 0, 24, 0);
      if (bytesRead < 24) return undefined;
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
  if (!header.subarray(0, 8).equals(PNG_SIGNATURE) || header.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  // Reused: the least recently used kept files are the ones pruned first (render/kept-cache/).
  await markUsed(file);
  return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
}
