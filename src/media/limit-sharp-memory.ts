// promo draws each image once and writes it out, so libvips' operation cache only holds memory
// (about 25 MB of the Node process's peak on the sample batch). Turned off for renders.
import sharp from 'sharp';

/** Turns off libvips' operation cache for this process. */
export function limitSharpMemory(): void {
  sharp.cache(false);
}
