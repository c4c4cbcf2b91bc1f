// A product's cover, kept in <out>/.promo/covers/ under a content key: the cover frame's pixels
// and everything drawn over it. The drawing (name, badge, logo, stream time in JavaScript over the
// whole frame) comes after the encode that writes the frame, so it sat on the critical path of
// every render (~0.3-0.7 s of CPU at 1080×1920); a re-render whose cover frame and texts are
// unchanged (--force, a caption edit) copies the kept JPEG instead, the very same bytes.
import { hashStream } from '../cache/file-hasher.ts';
import { buildPlaceholders } from '../graphics/build-placeholders.ts';
import { composeCover, type ComposeCoverOptions } from '../graphics/compose-cover.ts';
import { keptCoverPath } from './kept-cover-path.ts';
import { throughKeptJpeg } from './through-kept-jpeg.ts';

/** composeCover into `options.outFile`, through the kept cover of the same inputs in `outDir`'s .promo/covers. */
export async function composeKeptCover(outDir: string, options: ComposeCoverOptions): Promise<void> {
  const { product, stream, brand, currency, preset, templates, fonts } = options;
  const kept = await keptCoverPath(outDir, brand, {
    kind: 'product',
    frame: await hashStream(options.frame),
    // The texts as drawn (the stream's start as its formatted date and time, not a Date object).
    values: buildPlaceholders({ stream, brand, product, currency }),
    language: stream.language,
    badge: product.price === undefined ? undefined : { price: product.price, originalPrice: product.originalPrice, currency, color: brand.color, template: templates.badge.hash },
    template: templates.cover.hash,
    preset,
    fonts: [fonts.regular, fonts.bold],
  });
  await throughKeptJpeg(kept, options.outFile, (file) => composeCover({ ...options, outFile: file }));
}
