// Decodes a still image (JPEG, PNG, WebP) to its last pixel, to tell a whole file from one still
// being copied: the decoder stops at the first missing byte ("premature end of JPEG image",
// "libpng read error", a WebP RIFF size past the end), which reading the header alone never sees.
import { limitSharpMemory } from './limit-sharp-memory.ts';
import { loadSharp } from './load-sharp.ts';

/** Resolves when `file` decodes completely; rejects with the decoder's message otherwise. */
export async function checkStillDecode(file: string): Promise<void> {
  // libvips caches a load by file name: a half-copied file dropped under the name of one checked
  // before would be "decoded" from the cache (it happens with WebP). No cache, no stale answer.
  limitSharpMemory();
  const sharp = await loadSharp();
  // failOn 'truncated': missing data is an error, but what cameras commonly write is not (data
  // after the JPEG end marker: motion photos, maker trailers; minor warnings).
  // Shrinking to 16 px keeps the output tiny while every byte is still decoded (JPEG scales in the
  // DCT, after entropy decoding). Not `stats()`: it passes a truncated interlaced PNG.
  await sharp(file, { failOn: 'truncated' }).resize(16, 16, { fit: 'inside' }).raw().toBuffer();
}
