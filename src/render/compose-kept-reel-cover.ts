// The reel's cover when its videos have no intro card: an intro card drawn just for the cover,
// kept in <out>/.promo/covers/ under the card's content key. Drawing the card (JavaScript over
// the whole 1080×1920 frame, ~0.3 s of CPU) ran beside the reel's encode on every render and took
// CPU from x264 on a 2-core machine; a re-render of the same stream and brand copies it instead.
import { join } from 'node:path';
import { composeReelCover } from '../graphics/compose-cover.ts';
import { buildPlaceholders } from '../graphics/build-placeholders.ts';
import { renderCardImage, type RenderCardImageOptions } from '../graphics/render-card-image.ts';
import { keptCoverPath } from './kept-cover-path.ts';
import { throughKeptJpeg } from './through-kept-jpeg.ts';

/** Writes the reel cover of `card` (drawn into `scratchDir` when not kept) to `outFile`. */
export async function composeKeptReelCover(outDir: string, card: Omit<RenderCardImageOptions, 'outFile'>, scratchDir: string, outFile: string): Promise<void> {
  const { kind, stream, brand, preset, templates, fonts } = card;
  const kept = await keptCoverPath(outDir, brand, {
    kind: `card-${kind}`,
    values: buildPlaceholders({ stream, brand }),
    language: stream.language,
    template: templates[kind].hash,
    preset,
    fonts: [fonts.regular, fonts.bold],
  });
  await throughKeptJpeg(kept, outFile, async (file) => {
    const png = join(scratchDir, `cover-card-${preset.name}.png`);
    await renderCardImage({ ...card, outFile: png });
    await composeReelCover(png, file);
  });
}
