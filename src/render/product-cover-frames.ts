// The ffmpeg run that grabs a product's cover frame for every preset, planned once for both the
// real run (render-timeline-job.ts) and --dry-run, so the dry run shows what runs.
import { join } from 'node:path';
import type { FfmpegCommand } from '../plan/ffmpeg-command.ts';
import { planCoverFrames } from '../plan/plan-cover-frames.ts';
import type { TimelineClip } from '../plan/plan-types.ts';
import type { PresetDef } from '../presets/presets.ts';
import type { PromoSpec } from '../promo-spec/spec-types.ts';
import { productCoverTime } from './product-cover-time.ts';
import type { ResolvedProduct } from './resolve-product-media.ts';

export interface ProductCoverFrames {
  command: FfmpegCommand;
  /** The PNG each preset's frame is written to. */
  frames: { preset: PresetDef; target: string }[];
}

/** The cover-frame command for `resolved` (its `cover:` time, else the first clip's middle), writing into `jobDir`. */
export function productCoverFrames(spec: PromoSpec, resolved: ResolvedProduct, presets: PresetDef[], jobDir: string): ProductCoverFrames {
  const { product } = resolved;
  const clip: TimelineClip = {
    kind: 'clip',
    source: resolved.source,
    media: resolved.media,
    still: resolved.still,
    start: productCoverTime(resolved),
    duration: 1,
    fit: product.fit,
    focus: product.focus ?? spec.focus,
    padColor: spec.brand.color,
    captions: [],
    product: product.sku,
  };
  const frames = presets.map((preset) => ({ preset, target: join(jobDir, `frame-${preset.name}.png`) }));
  return { command: planCoverFrames({ clip, targets: frames }), frames };
}
