// What a job's render writes for each preset, its pictures drawn: the shared cards and logo, the
// products' price badges and the clips' captions, and the temporary name of its video.
import type { OverlayImage } from '../graphics/graphics-types.ts';
import { renderBadgeImage } from '../graphics/render-badge-image.ts';
import { renderCaptionImage } from '../graphics/render-caption-image.ts';
import type { PresetOutput } from '../plan/plan-types.ts';
import type { PresetDef } from '../presets/presets.ts';
import { captionKey } from './caption-key.ts';
import { drawSharedImages } from './draw-shared-images.ts';
import { keptImagesDir } from './kept-images-dir.ts';
import type { RenderContext } from './render-context.ts';
import type { TimelineJob } from './render-timeline-job.ts';

/** Draws each preset's images (overlays in `jobDir`'s kept folder) and names its video by `tempFor`. */
export function drawPresetOutputs(
  ctx: RenderContext,
  job: TimelineJob,
  jobDir: string,
  tempFor: (final: string) => Promise<string>,
): Promise<PresetOutput[]> {
  return Promise.all(job.presets.map(async (preset): Promise<PresetOutput> => {
    const shared = await drawSharedImages(ctx, preset);
    const [badges, captions] = await Promise.all([drawBadges(ctx, job, preset, keptImagesDir(ctx, jobDir)), drawCaptions(ctx, job, preset, keptImagesDir(ctx, jobDir))]);
    return {
      preset,
      target: await tempFor(job.destination(preset).video),
      intro: shared.intro,
      outro: shared.outro,
      logo: shared.logo,
      badges,
      captions,
    };
  }));
}

async function drawBadges(ctx: RenderContext, job: TimelineJob, preset: PresetDef, outDir: string): Promise<Record<string, OverlayImage>> {
  const drawn = await Promise.all(job.products.map(async ({ product }) => {
    if (product.price === undefined) return undefined;
    return [product.sku, await renderBadgeImage({
      price: product.price,
      originalPrice: product.originalPrice,
      currency: ctx.spec.currency,
      color: ctx.spec.brand.color,
      preset,
      templates: ctx.templates,
      fonts: ctx.fonts,
      outDir,
    })] as const;
  }));
  // Keyed in product order, not in the order the drawings finish: the plan takes its inputs in
  // this order, and the same spec must always give the same command (the golden dry-run test).
  return Object.fromEntries(drawn.filter((entry) => entry !== undefined));
}

async function drawCaptions(ctx: RenderContext, job: TimelineJob, preset: PresetDef, outDir: string): Promise<Record<string, OverlayImage>> {
  const work: Promise<[string, OverlayImage]>[] = [];
  for (const resolved of job.products) {
    for (const clip of resolved.clips) {
      clip.cues.forEach((cue, c) => {
        const key = captionKey(resolved.product.index, clip.clip.index, c);
        work.push(renderCaptionImage({
          text: cue.text,
          preset,
          templates: ctx.templates,
          style: ctx.spec.captionStyle,
          fonts: ctx.fonts,
          outDir,
        }).then((image) => [key, image]));
      });
    }
  }
  // In cue order whichever drawing finishes first (see drawBadges).
  return Object.fromEntries(await Promise.all(work));
}
