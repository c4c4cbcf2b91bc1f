// Draws the brand logo PNG the renderer overlays at the top-right of the safe area.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PresetDef } from '../presets/presets.ts';
import { PromoError } from '../util/promo-error.ts';
import type { OverlayImage, TemplateSet } from './graphics-types.ts';
import { hashInputs } from './hash-inputs.ts';
import { readKeptImage } from './read-kept-image.ts';
import { Raster } from './raster.ts';
import { readImageFitted } from './read-image-fitted.ts';
import { safeArea } from './safe-area.ts';
import { writeImageAtomic } from './write-image-atomic.ts';

export interface RenderLogoImageOptions {
  /** A PNG, JPEG, WebP or SVG file. */
  logo: string;
  preset: PresetDef;
  templates: TemplateSet;
  outDir: string;
}

/** Renders (or reuses) the logo PNG, scaled per templates/logo.yaml, and says where it goes. */
export async function renderLogoImage(options: RenderLogoImageOptions): Promise<OverlayImage> {
  const { preset } = options;
  const t = options.templates.logo.value;
  const safe = safeArea(preset);
  let bytes: Buffer;
  try {
    bytes = await readFile(options.logo);
  } catch (cause) {
    throw new PromoError('ASSET_INVALID', `cannot read logo ${options.logo}: ${(cause as Error).message}`, { cause });
  }
  const file = join(options.outDir, `logo-${hashInputs({
    logo: createHash('sha256').update(bytes).digest('hex'), template: options.templates.logo.hash,
    preset: [preset.width, preset.height, preset.safe],
  })}.png`);
  const place = (width: number, height: number): OverlayImage => ({
    path: file,
    x: Math.max(safe.x, safe.x + safe.width - Math.round(t.x * safe.width) - width),
    y: Math.min(safe.y + safe.height - height, safe.y + Math.round(t.y * safe.height)),
    width,
    height,
  });
  const kept = await readKeptImage(file);
  if (kept) return place(kept.width, kept.height);
  const unit = Math.min(preset.width, preset.height);
  const boxW = Math.max(1, Math.min(safe.width, Math.round(t.maxWidth * unit)));
  const boxH = Math.max(1, Math.min(safe.height, Math.round(t.maxHeight * unit)));
  // Drawn large, cut to its visible pixels (logos often carry transparent margins), then fitted.
  const large = (await readImageFitted(options.logo, boxW * 4, boxH * 4, 'contain')).trimmed();
  const fitted = await Raster.fromSharp((await large.toSharp()).resize(boxW, boxH, { fit: 'inside', kernel: 'lanczos3' }));
  const out = new Raster(fitted.width, fitted.height);
  out.draw(fitted, 0, 0, t.opacity);
  await writeImageAtomic((await out.toSharp()).png(), file);
  return place(out.width, out.height);
}
