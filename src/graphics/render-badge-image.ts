// Draws the price badge PNG the renderer overlays at the top-left of the safe area.
import { join } from 'node:path';
import type { PresetDef } from '../presets/presets.ts';
import { drawBadge } from './draw-badge.ts';
import type { FontSet, OverlayImage, TemplateSet } from './graphics-types.ts';
import { hashInputs } from './hash-inputs.ts';
import { readKeptImage } from './read-kept-image.ts';
import { safeArea } from './safe-area.ts';
import { writeImageAtomic } from './write-image-atomic.ts';

export interface RenderBadgeImageOptions {
  price: number;
  /** Shown struck through, smaller, only when higher than `price`. */
  originalPrice?: number;
  currency: string;
  /** Brand colour, `#RRGGBB`. */
  color: string;
  preset: PresetDef;
  templates: TemplateSet;
  fonts: FontSet;
  outDir: string;
}

/** Renders (or reuses) the price badge PNG and says where it goes on the frame. */
export async function renderBadgeImage(options: RenderBadgeImageOptions): Promise<OverlayImage> {
  const { preset } = options;
  const template = options.templates.badge;
  const safe = safeArea(preset);
  const file = join(options.outDir, `badge-${hashInputs({
    price: options.price, originalPrice: options.originalPrice, currency: options.currency, color: options.color,
    template: template.hash, preset: [preset.width, preset.height, preset.safe], fonts: [options.fonts.regular, options.fonts.bold],
  })}.png`);
  const place = (width: number, height: number): OverlayImage => {
    const x = safe.x + Math.round(template.value.x * safe.width);
    const y = safe.y + Math.round(template.value.y * safe.height);
    // Kept inside the safe area whatever the template's offsets.
    return {
      path: file,
      x: Math.max(safe.x, Math.min(x, safe.x + safe.width - width)),
      y: Math.max(safe.y, Math.min(y, safe.y + safe.height - height)),
      width,
      height,
    };
  };
  const kept = await readKeptImage(file);
  if (kept) return place(kept.width, kept.height);
  const image = await drawBadge({
    price: options.price,
    originalPrice: options.originalPrice,
    currency: options.currency,
    color: options.color,
    template: template.value,
    unit: Math.min(preset.width, preset.height),
    scale: 1,
    fonts: options.fonts,
    maxWidth: safe.width,
  });
  await writeImageAtomic((await image.toSharp()).png(), file);
  return place(image.width, image.height);
}
