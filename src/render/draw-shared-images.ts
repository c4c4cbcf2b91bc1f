// The images every job of a batch shares for a preset: the intro and outro cards and the logo,
// drawn once per preset and kept in the context (ctx.shared) for the batch's other jobs.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { renderCardImage } from '../graphics/render-card-image.ts';
import { renderLogoImage } from '../graphics/render-logo-image.ts';
import type { PresetDef } from '../presets/presets.ts';
import { KeptUseLog } from '../util/kept-use-log.ts';
import { keptImagesDir } from './kept-images-dir.ts';
import type { RenderContext, SharedImages } from './render-context.ts';

/** The preset's cards and logo, drawn by the first job that asks for them. */
export function drawSharedImages(ctx: RenderContext, preset: PresetDef): Promise<SharedImages> {
  let pending = ctx.shared.get(preset.name);
  if (!pending) {
    pending = (async () => {
      const { spec, templates, fonts } = ctx;
      const dir = join(ctx.workDir, '_shared', preset.name);
      await mkdir(dir, { recursive: true });
      const images: SharedImages = {};
      const card = async (kind: 'intro' | 'outro') => {
        const outFile = join(dir, `${kind}.png`);
        await renderCardImage({ kind, stream: spec.stream, brand: spec.brand, preset, templates, fonts, outFile });
        return outFile;
      };
      const [intro, outro, logo] = await Promise.all([
        spec.intro ? card('intro') : undefined,
        spec.outro ? card('outro') : undefined,
        spec.brand.logo && preset.logo ? renderLogoImage({ logo: spec.brand.logo, preset, templates, outDir: keptImagesDir(ctx, dir) }) : undefined,
      ]);
      if (intro) images.intro = intro;
      if (outro) images.outro = outro;
      if (logo) images.logo = logo;
      return images;
    })();
    ctx.shared.set(preset.name, pending);
  }
  // The kept logo is used by every job that asks, not only the one that drew it: noted in each
  // asking job's record of use (a `then` runs in the async context of the job that called it).
  return pending.then((images) => {
    if (images.logo) KeptUseLog.note(images.logo.path);
    return images;
  });
}
