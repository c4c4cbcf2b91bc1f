// Where a job draws its overlay images (captions, badges, logo). Their names are content keys
// (graphics/hash-inputs.ts: text, style, preset, fonts, drawing version), so they are kept between
// runs in <out>/.promo/images/ and reused, --force included, like the loudness memo: a re-render
// after a caption edit draws that caption only, and nothing is drawn in JavaScript before the
// encode can start when nothing changed (~0.25 s of CPU for benchmark 1's three products).
import { join } from 'node:path';
import type { RenderContext } from './render-context.ts';

/** The folder to draw `ctx`'s overlay images in: the kept one, or `scratch` for a dry run (it leaves nothing behind). */
export function keptImagesDir(ctx: Pick<RenderContext, 'outDir' | 'dryRun'>, scratch: string): string {
  return ctx.dryRun ? scratch : join(ctx.outDir, '.promo', 'images');
}
