// The reel's covers: its intro card for each preset (the one in its videos, else one drawn just
// for the cover and kept between runs) as a JPEG, written to a temp file until the job commits.
import { composeReelCover } from '../graphics/compose-cover.ts';
import { composeKeptReelCover } from './compose-kept-reel-cover.ts';
import type { DrawnCover } from './draw-product-covers.ts';
import { drawSharedImages } from './draw-shared-images.ts';
import type { RenderContext } from './render-context.ts';
import type { TimelineJob } from './render-timeline-job.ts';

/** Draws each preset's cover of the reel into a temp file from `tempFor`. */
export async function drawReelCovers(
  ctx: RenderContext,
  job: TimelineJob,
  jobDir: string,
  tempFor: (final: string) => Promise<string>,
): Promise<DrawnCover[]> {
  return Promise.all(job.presets.map(async (preset) => {
    const card = (await drawSharedImages(ctx, preset)).intro;
    const final = job.destination(preset).cover;
    const temp = await tempFor(final);
    const { spec, templates, fonts } = ctx;
    // No intro card in the videos: one drawn just for the cover, kept between runs.
    if (card === undefined) await composeKeptReelCover(ctx.outDir, { kind: 'intro', stream: spec.stream, brand: spec.brand, preset, templates, fonts }, jobDir, temp);
    else await composeReelCover(card, temp);
    return { temp, artifact: { preset: preset.name, kind: 'cover' as const, path: final, width: preset.width, height: preset.height } };
  }));
}
