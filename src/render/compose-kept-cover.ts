// A product's cover, kept in <out>/.promo/covers/ under a content key: the cover frame's pixels
// and everything drawn over it. The drawing (name, badge, logo, stream time in JavaScript over the
// whole frame) comes after the encode that writes the frame, so it sat on the critical path of
// every render (~0.3-0.7 s of CPU at 1080×1920); a re-render whose cover frame and texts are
// unchanged (--force, a caption edit) copies the kept JPEG instead, the very same bytes.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashStream } from '../cache/file-hasher.ts';
import { buildPlaceholders } from '../graphics/build-placeholders.ts';
import { composeCover, type ComposeCoverOptions } from '../graphics/compose-cover.ts';
import { hashInputs } from '../graphics/hash-inputs.ts';
import { RENDER_VERSION } from './render-version.ts';

/** composeCover into `options.outFile`, through the kept cover of the same inputs in `outDir`'s .promo/covers. */
export async function composeKeptCover(outDir: string, options: ComposeCoverOptions): Promise<void> {
  const { product, stream, brand, currency, preset, templates, fonts } = options;
  const [frame, logo] = await Promise.all([
    hashStream(options.frame),
    brand.logo === undefined ? undefined : readFile(brand.logo).then((bytes) => createHash('sha256').update(bytes).digest('hex'), () => undefined),
  ]);
  const key = hashInputs({
    renderVersion: RENDER_VERSION,
    frame,
    // The texts as drawn (the stream's start as its formatted date and time, not a Date object).
    values: buildPlaceholders({ stream, brand, product, currency }),
    language: stream.language,
    badge: product.price === undefined ? undefined : { price: product.price, originalPrice: product.originalPrice, currency, color: brand.color, template: templates.badge.hash },
    logo,
    template: templates.cover.hash,
    preset,
    fonts: [fonts.regular, fonts.bold],
  });
  const kept = join(outDir, '.promo', 'covers', `${key}.jpg`);
  let bytes = await readFile(kept).catch(() => undefined);
  if (!bytes || !isWholeJpeg(bytes)) {
    await composeCover({ ...options, outFile: kept });
    bytes = await readFile(kept);
  }
  // A copy, not a link: the final cover is the user's to edit without touching the kept one.
  await writeFile(options.outFile, bytes);
}

// Kept covers are written whole (write-image-atomic.ts); this only turns away a file damaged by hand.
function isWholeJpeg(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9;
}
