// Render cache keys. A product's key covers everything that changes its videos or covers: its
// own spec fields, the bytes of its footage and caption files, the spec-wide settings, templates,
// fonts, the engine and promo's render version. Changing one caption changes one product's key.
import type { PresetDef } from '../presets/presets.ts';
import type { ProductSpec, PromoSpec } from '../promo-spec/spec-types.ts';
import { hashValue, type FileHasher } from '../cache/file-hasher.ts';
import { ANALYSIS_VERSION, SELECTION_VERSION } from '../analysis/analysis-constants.ts';
import { RENDER_VERSION } from './render-version.ts';
import { requireFootage } from './require-footage.ts';

export interface KeyInputs {
  spec: PromoSpec;
  hasher: FileHasher;
  /** Hash of the template set and fonts in use. */
  graphicsHash: string;
  engineIdentity: string;
}

/** The spec-wide part of every key (computed once per batch). */
export async function planSharedKey(inputs: KeyInputs): Promise<string> {
  const { spec, hasher } = inputs;
  const [logo, music] = await Promise.all([
    spec.brand.logo ? hasher.hash(spec.brand.logo) : undefined,
    spec.music ? hasher.hash(spec.music.file) : undefined,
  ]);
  return hashValue({
    renderVersion: RENDER_VERSION,
    engine: inputs.engineIdentity,
    graphics: inputs.graphicsHash,
    stream: { ...spec.stream, start: spec.stream.start && { utc: spec.stream.start.utc.toISOString(), zone: spec.stream.start.zone } },
    brand: { color: spec.brand.color, logo },
    currency: spec.currency,
    fit: spec.fit,
    focus: spec.focus,
    intro: spec.intro,
    outro: spec.outro,
    transition: spec.transition,
    music: spec.music && { volume: spec.music.volume, duck: spec.music.duck, hash: music },
    loudness: spec.loudness,
    quality: spec.quality,
    captionStyle: spec.captionStyle,
  });
}

/** A product's key; throws (ENOENT…) when its footage cannot be read. */
export async function planProductKey(sharedKey: string, product: ProductSpec, hasher: FileHasher, spec: PromoSpec): Promise<string> {
  const footage = await hasher.hash(requireFootage(spec, product));
  const clips = await Promise.all(product.clips.map(async (clip) => ({
    in: clip.in,
    out: clip.out,
    duration: clip.duration,
    caption: clip.caption,
    captions: clip.captions ? await hasher.hash(clip.captions).catch(() => `missing:${clip.captions}`) : undefined,
  })));
  return hashValue({
    shared: sharedKey,
    sku: product.sku,
    name: product.name,
    price: product.price,
    originalPrice: product.originalPrice,
    fit: product.fit,
    focus: product.focus,
    cover: product.cover,
    footage,
    clips,
    // Picked clips follow from the footage's bytes, the analysis and how it is read, which their versions stand for.
    autoClips: product.autoClips && { ...product.autoClips, analysis: ANALYSIS_VERSION, selection: SELECTION_VERSION },
  });
}

/** The key of one output of a job (a product's or the reel's) in one preset. */
export function planOutputKey(jobKey: string, preset: PresetDef): string {
  return hashValue({ job: jobKey, preset });
}
