// Writes an image so that readers (and concurrent writers of the same deterministic name) only
// ever see a complete file, through the one atomic writer (util/write-atomic.ts).
import type { Sharp } from 'sharp';
import { writeAtomic } from '../util/write-atomic.ts';

/** Encodes `image` (format already chosen on it), or writes encoded bytes, to `file` atomically. */
export async function writeImageAtomic(image: Sharp | Buffer, file: string): Promise<void> {
  await writeAtomic(file, Buffer.isBuffer(image) ? image : (temp) => image.toFile(temp));
}
