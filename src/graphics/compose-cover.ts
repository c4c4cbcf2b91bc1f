// Makes a product's cover image: a frame from its footage with the product name, price badge and
// stream time drawn from templates/cover.yaml; and the reel's cover, from its intro card.
import type { Sharp } from 'sharp';
import { loadSharp } from '../media/load-sharp.ts';
import type { PresetDef } from '../presets/presets.ts';
import type { BrandSpec, ProductSpec, StreamSpec } from '../promo-spec/spec-types.ts';
import { PromoError } from '../util/promo-error.ts';
import { buildPlaceholders } from './build-placeholders.ts';
import { drawLayers } from './draw-layers.ts';
import type { FontSet, TemplateSet } from './graphics-types.ts';
import { Raster } from './raster.ts';
import { writeImageAtomic } from './write-image-atomic.ts';

export interface ComposeCoverOptions {
  /** PNG of the frame, preset width×height (scaled to cover it otherwise). */
  frame: string;
  product: ProductSpec;
  stream: StreamSpec;
  brand: BrandSpec;
  currency: string;
  preset: PresetDef;
  templates: TemplateSet;
  fonts: FontSet;
  /** Written as JPEG whatever its extension. */
  outFile: string;
}

/** Writes the cover as an sRGB JPEG (quality 88) of exactly the preset's size. */
export async function composeCover(options: ComposeCoverOptions): Promise<void> {
  const { preset, product } = options;
  const sharp = await loadSharp();
  let canvas: Raster;
  try {
    canvas = await Raster.fromSharp(sharp(options.frame).resize(preset.width, preset.height, { fit: 'cover' }));
  } catch (cause) {
    throw new PromoError('RENDER_FAILED', `cannot read the cover frame ${options.frame}: ${(cause as Error).message}`, { cause });
  }
  const template = options.templates.cover;
  await drawLayers({
    canvas,
    layers: template.value.layers,
    templateFile: template.file,
    preset,
    fonts: options.fonts,
    language: options.stream.language,
    values: buildPlaceholders({ stream: options.stream, brand: options.brand, product, currency: options.currency }),
    ...(options.brand.logo === undefined ? {} : { logo: options.brand.logo }),
    ...(product.price === undefined ? {} : {
      badge: {
        price: product.price,
        ...(product.originalPrice === undefined ? {} : { originalPrice: product.originalPrice }),
        currency: options.currency,
        color: options.brand.color,
        template: options.templates.badge.value,
      },
    }),
  });
  await writeImageAtomic(asCoverJpeg(await canvas.toSharp()), options.outFile);
}

/**
 * Writes the reel's cover from its intro card (stream title, host, start time): the PNG that
 * `renderCardImage` drew, as the same kind of JPEG as the products' covers.
 */
export async function composeReelCover(card: string, outFile: string): Promise<void> {
  const sharp = await loadSharp();
  await writeImageAtomic(asCoverJpeg(sharp(card)), outFile);
}

// Every cover is the same kind of file: an sRGB JPEG, opaque, quality 88.
function asCoverJpeg(image: Sharp): Sharp {
  return image
    .flatten({ background: '#000000' })
    .toColourspace('srgb')
    .withIccProfile('srgb')
    .jpeg({ quality: 88, chromaSubsampling: '4:2:0', mozjpeg: false });
}
