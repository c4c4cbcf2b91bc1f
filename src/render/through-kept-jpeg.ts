// Makes a JPEG through a kept copy named by its content key: when the kept copy exists (and is
// whole) its bytes are written to the destination, else it is made first. Used for covers, whose
// drawing (over a whole frame, or a whole card) is the costly part of a render beside its encode.
import { readFile, writeFile } from 'node:fs/promises';
import { markUsed } from '../util/mark-used.ts';

/** Writes `outFile` from `kept`, calling `make(kept)` first when `kept` is missing or not a whole JPEG. */
export async function throughKeptJpeg(kept: string, outFile: string, make: (file: string) => Promise<void>): Promise<void> {
  let bytes = await readFile(kept).catch(() => undefined);
  if (!bytes || !isWholeJpeg(bytes)) {
    await make(kept);
    bytes = await readFile(kept);
  } else {
    await markUsed(kept);
  }
  // A copy, not a link: the final file is the user's to edit without touching the kept one.
  await writeFile(outFile, bytes);
}

// Kept files are written whole (write-image-atomic.ts); this turns away one damaged by hand.
function isWholeJpeg(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9;
}
