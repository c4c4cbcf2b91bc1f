// Draws a caption as a PNG the renderer overlays on the video: wrapped to the safe area, shrunk
// to the style's line limit, centred in the lower part of the safe area.
import { join } from 'node:path';
import type { PresetDef } from '../presets/presets.ts';
import { PromoError } from '../util/promo-error.ts';
import { drawText } from './draw-text.ts';
import type { FontSet, OverlayImage, TemplateSet } from './graphics-types.ts';
import { hashInputs } from './hash-inputs.ts';
import { readKeptImage } from './read-kept-image.ts';
import { measureText, type TextMeasure } from './measure-text.ts';
import { resolveTextLook } from './resolve-text-look.ts';
import { safeArea } from './safe-area.ts';
import { findLargestFit } from './find-largest-fit.ts';
import { writeImageAtomic } from './write-image-atomic.ts';

export interface RenderCaptionImageOptions {
  text: string;
  preset: PresetDef;
  templates: TemplateSet;
  /** Caption style: a file in templates/captions/ (default `default`). */
  style?: string;
  fonts: FontSet;
  outDir: string;
}

// Below this a caption is not readable on a phone; a caption that needs it is a spec problem.
const SMALLEST_PX = 14;

/** Renders (or reuses) the caption PNG for `text` and says where it goes on the frame. */
export async function renderCaptionImage(options: RenderCaptionImageOptions): Promise<OverlayImage> {
  const styleName = options.style ?? 'default';
  const template = options.templates.captions[styleName];
  if (!template) {
    throw new PromoError('SPEC_INVALID', `caption style "${styleName}" not found`, {
      hint: `use one of ${Object.keys(options.templates.captions).join(', ')}, or add captions/${styleName}.yaml to your templates folder`,
    });
  }
  if (options.text.trim() === '') throw new PromoError('SPEC_INVALID', 'caption is empty', { hint: 'remove the caption or give it text' });

  const { preset } = options;
  const style = template.value;
  const safe = safeArea(preset);
  const file = join(options.outDir, `caption-${hashInputs({
    text: options.text, style: template.hash, preset: [preset.width, preset.height, preset.safe], fonts: [options.fonts.regular, options.fonts.bold],
  })}.png`);
  const place = (width: number, height: number): OverlayImage => ({
    path: file,
    x: safe.x + Math.round((safe.width - width) / 2),
    y: Math.max(safe.y, safe.y + safe.height - Math.round(style.bottom * safe.height) - height),
    width,
    height,
  });
  const kept = await readKeptImage(file);
  if (kept) return place(kept.width, kept.height);

  const unit = Math.min(preset.width, preset.height);
  const maxWidth = Math.floor(style.maxWidth * safe.width);
  const maxHeight = Math.floor(style.maxHeight * safe.height);
  const largest = style.size * unit;
  const smallest = Math.min(largest, (style.minSize ?? style.size * 0.7) * unit);
  const textOptions = (size: number) => ({ text: options.text, look: resolveTextLook(style, size, {}), fonts: options.fonts, maxWidth });
  const fits = (measure: TextMeasure) => measure.width <= maxWidth && measure.height <= maxHeight;

  // First keep to the style's line limit, shrinking down to minSize; then allow more lines.
  const withinLines = async (size: number) => {
    const measure = await measureText(textOptions(Math.round(size)));
    return measure.lines <= style.maxLines && fits(measure) ? measure : undefined;
  };
  const anyLines = async (size: number) => {
    const measure = await measureText(textOptions(Math.round(size)));
    return fits(measure) ? measure : undefined;
  };
  const found = await findLargestFit(smallest, largest, 1, withinLines)
    ?? await findLargestFit(Math.min(SMALLEST_PX, smallest), smallest, 1, anyLines);
  const chosenSize = found === undefined ? undefined : Math.round(found.value);
  if (chosenSize === undefined) {
    throw new PromoError('SPEC_INVALID', `caption too long to fit the ${preset.name} safe area: ${JSON.stringify(options.text.slice(0, 40))}…`, {
      hint: 'split it into several captions or shorten it',
    });
  }
  // Drawn with even line lengths (same lines, never wider).
  const chosen = await drawText({ ...textOptions(chosenSize), balance: true });
  await writeImageAtomic((await chosen.image.toSharp()).png(), file);
  return place(chosen.image.width, chosen.image.height);
}
