// Draws the full-frame intro or outro card (stream title, host, start time, link, call to
// action) from templates/intro.yaml or outro.yaml.
import type { PresetDef } from '../presets/presets.ts';
import type { BrandSpec, StreamSpec } from '../promo-spec/spec-types.ts';
import { buildPlaceholders } from './build-placeholders.ts';
import { drawLayers } from './draw-layers.ts';
import type { FontSet, TemplateSet } from './graphics-types.ts';
import { parseColor } from './parse-color.ts';
import { Raster } from './raster.ts';
import { writeImageAtomic } from './write-image-atomic.ts';

export interface RenderCardImageOptions {
  kind: 'intro' | 'outro';
  stream: StreamSpec;
  brand: BrandSpec;
  preset: PresetDef;
  templates: TemplateSet;
  fonts: FontSet;
  /** Written as PNG whatever its extension. */
  outFile: string;
}

/** Writes an opaque preset-sized PNG of the intro or outro card. */
export async function renderCardImage(options: RenderCardImageOptions): Promise<void> {
  const { preset } = options;
  const template = options.templates[options.kind];
  const values = buildPlaceholders({ stream: options.stream, brand: options.brand });
  const canvas = new Raster(preset.width, preset.height);
  canvas.fillRoundedRect({ x: 0, y: 0, width: preset.width, height: preset.height }, 0, { ...parseColor(template.value.background, values), a: 1 });
  await drawLayers({
    canvas,
    layers: template.value.layers,
    templateFile: template.file,
    preset,
    fonts: options.fonts,
    language: options.stream.language,
    values,
    ...(options.brand.logo === undefined ? {} : { logo: options.brand.logo }),
  });
  // Opaque whatever the layers did: the card replaces the video picture.
  await writeImageAtomic((await canvas.toSharp()).flatten({ background: '#000000' }).png(), options.outFile);
}
