// A product's covers: its cover frame for each preset (written by the render, else grabbed on its
// own) with name, badge, logo and stream time drawn on it from templates/cover.yaml.
import { access } from 'node:fs/promises';
import { planTimeLimit } from '../plan/plan-time-limit.ts';
import { composeKeptCover } from './compose-kept-cover.ts';
import type { ProductCoverFrames } from './product-cover-frames.ts';
import type { RenderContext } from './render-context.ts';
import type { JobArtifact, TimelineJob } from './render-timeline-job.ts';
import { runFfmpeg } from './run-ffmpeg.ts';

export type DrawnCover = { temp: string; artifact: Omit<JobArtifact, 'sha256' | 'bytes'> };

/** Draws each preset's cover of the job's product into a temp file from `tempFor`. */
export async function drawProductCovers(
  ctx: RenderContext,
  job: TimelineJob,
  { command, frames }: ProductCoverFrames,
  tempFor: (final: string) => Promise<string>,
): Promise<DrawnCover[]> {
  // Grabbed on their own unless the render wrote them (it does not on an incremental re-render).
  if (!(await Promise.all(frames.map(({ target }) => exists(target)))).every(Boolean)) {
    await runFfmpeg(command, {
      ffmpeg: ctx.engine.ffmpeg,
      signal: ctx.signal,
      timeoutMs: planTimeLimit(1, job.presets, ctx.spec.quality, ctx.timeoutScale),
    });
  }
  const { product } = job.products[0]!;
  return Promise.all(frames.map(async ({ preset, target }) => {
    const final = job.destination(preset).cover;
    const temp = await tempFor(final);
    await composeKeptCover(ctx.outDir, {
      frame: target,
      product,
      stream: ctx.spec.stream,
      brand: ctx.spec.brand,
      currency: ctx.spec.currency,
      preset,
      templates: ctx.templates,
      fonts: ctx.fonts,
      outFile: temp,
    });
    return { temp, artifact: { preset: preset.name, kind: 'cover' as const, path: final, width: preset.width, height: preset.height } };
  }));
}

function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}
