// `promo preview`: for each product and preset, one PNG of a frame with its first caption, price
// badge and logo laid out as the video will have them, and the preset's safe zones drawn over
// it, so a person checks the layout in seconds before rendering.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PromoConfig } from '../config/config-types.ts';
import { resolveEngine } from '../engine/resolve-engine.ts';
import { composePreview } from '../graphics/compose-preview.ts';
import type { OverlayImage } from '../graphics/graphics-types.ts';
import { limitSharpMemory } from '../media/limit-sharp-memory.ts';
import { loadTemplates } from '../graphics/load-templates.ts';
import { normalizeStill } from '../graphics/normalize-still.ts';
import { prepareFonts } from '../graphics/prepare-fonts.ts';
import { renderBadgeImage } from '../graphics/render-badge-image.ts';
import { renderCaptionImage } from '../graphics/render-caption-image.ts';
import { renderLogoImage } from '../graphics/render-logo-image.ts';
import { probeMedia } from '../media/probe-media.ts';
import { planCoverFrames } from '../plan/plan-cover-frames.ts';
import type { PresetDef } from '../presets/presets.ts';
import type { ProductSpec, PromoSpec } from '../promo-spec/spec-types.ts';
import { PromoError } from '../util/promo-error.ts';
import { tempPathFor } from '../util/temp-path.ts';
import { writeAtomic } from '../util/write-atomic.ts';
import { analyseFootage } from '../analysis/analyse-footage.ts';
import { suggestFootage } from '../analysis/suggest-footage.ts';
import { resolveProductMedia } from './resolve-product-media.ts';
import { runFfmpeg } from './run-ffmpeg.ts';

export interface PreviewResult {
  sku: string;
  files: string[];
  error?: PromoError;
}

export interface RenderPreviewsOptions {
  spec: PromoSpec;
  config: PromoConfig;
  outDir: string;
  products: ProductSpec[];
  presets: PresetDef[];
  signal?: AbortSignal;
  onProduct?: (result: PreviewResult) => void;
}

/** Writes `<outDir>/preview/<SKU>/<preset>.png` for each product and preset. */
export async function renderPreviews(options: RenderPreviewsOptions): Promise<PreviewResult[]> {
  const { spec, presets } = options;
  limitSharpMemory();
  const engine = await resolveEngine(options.config.engine);
  const [fonts, templates] = await Promise.all([prepareFonts(), loadTemplates({ overrideDir: spec.templates })]);
  await mkdir(join(options.outDir, '.promo'), { recursive: true });
  const work = tempPathFor(join(options.outDir, '.promo', 'work'));
  await mkdir(work);
  const results: PreviewResult[] = [];
  try {
    const logos = new Map<string, Promise<OverlayImage | undefined>>();
    for (const product of options.products) {
      if (options.signal?.aborted) break;
      const result: PreviewResult = { sku: product.sku, files: [] };
      try {
        const dir = join(work, product.sku);
        await mkdir(dir, { recursive: true });
        const resolved = await resolveProductMedia(spec, product, {
          probeVideo: (file) => probeMedia(file, { ffprobe: engine.ffprobe, kind: 'video', signal: options.signal }),
          analyse: (file, media) => analyseFootage({
            ffmpeg: engine.ffmpeg, ffprobe: engine.ffprobe, file, media, signal: options.signal, cacheDir: join(options.outDir, '.promo', 'analysis'),
          }),
          suggestClips: (file, media, auto) => suggestFootage({
            ffmpeg: engine.ffmpeg, ffprobe: engine.ffprobe, file, media, signal: options.signal, cacheDir: join(options.outDir, '.promo', 'analysis'), ...auto,
          }),
          normaliseStill: async (file) => {
            const outFile = join(dir, 'still.png');
            return { path: outFile, ...(await normalizeStill({ input: file, outFile })) };
          },
        });
        const first = resolved.clips[0]!;
        const cue = resolved.clips.flatMap((c) => c.cues)[0];
        // The frame the first caption shows over (or the first clip's middle).
        const time = resolved.still ? 0 : first.start + (cue ? (cue.start + cue.end) / 2 : first.duration / 2);
        const frames = presets.map((preset) => ({ preset, target: join(dir, `frame-${preset.name}.png`) }));
        await runFfmpeg(planCoverFrames({
          clip: {
            kind: 'clip', source: resolved.source, media: resolved.media, still: resolved.still,
            start: Math.min(time, Math.max(0, resolved.media.duration - 0.1)), duration: 1,
            fit: product.fit, focus: product.focus ?? spec.focus, padColor: spec.brand.color,
            captions: [], product: product.sku,
            // fit: smart: the window where the first clip has it at this moment.
            salience: first.salience && { fps: first.salience.fps, columns: first.salience.columns.slice(Math.round(Math.max(0, time - first.start) * first.salience.fps)) },
          },
          targets: frames,
        }), { ffmpeg: engine.ffmpeg, timeoutMs: 120_000, signal: options.signal });
        for (const { preset, target } of frames) {
          const overlays: OverlayImage[] = [];
          if (spec.brand.logo && preset.logo) {
            let logo = logos.get(preset.name);
            if (!logo) {
              logo = renderLogoImage({ logo: spec.brand.logo, preset, templates, outDir: work });
              logos.set(preset.name, logo);
            }
            const image = await logo;
            if (image) overlays.push(image);
          }
          if (product.price !== undefined) {
            overlays.push(await renderBadgeImage({
              price: product.price, originalPrice: product.originalPrice, currency: spec.currency,
              color: spec.brand.color, preset, templates, fonts, outDir: dir,
            }));
          }
          if (cue) {
            overlays.push(await renderCaptionImage({ text: cue.text, preset, templates, style: spec.captionStyle, fonts, outDir: dir }));
          }
          const final = join(options.outDir, 'preview', product.sku, `${preset.name}.png`);
          await mkdir(join(options.outDir, 'preview', product.sku), { recursive: true });
          await writeAtomic(final, (temp) => composePreview({ frame: target, overlays, preset, outFile: temp }));
          result.files.push(final);
        }
      } catch (error) {
        result.error = error instanceof PromoError ? error : new PromoError('RENDER_FAILED', String((error as Error)?.message ?? error), { cause: error });
      }
      results.push(result);
      options.onProduct?.(result);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return results;
}
