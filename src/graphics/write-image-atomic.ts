// Writes an image so that readers (and concurrent writers of the same deterministic name) only
// ever see a complete file: write beside it, then rename over it.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Sharp } from 'sharp';

/** Encodes `image` (format already chosen on it), or writes encoded bytes, to `file` atomically. */
export async function writeImageAtomic(image: Sharp | Buffer, file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    if (Buffer.isBuffer(image)) await writeFile(temp, image);
    else await image.toFile(temp);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
