// The moment of a product's footage its cover shows, for the cover grabbed in the render and the
// one grabbed on its own alike.
import type { ResolvedProduct } from './resolve-product-media.ts';

/** Seconds into the footage: the product's `cover:` time, else the first clip's middle (0 for a still). */
export function productCoverTime(resolved: ResolvedProduct): number {
  const first = resolved.clips[0]!;
  const time = resolved.still ? 0 : resolved.product.cover ?? first.start + first.duration / 2;
  return Math.min(time, Math.max(0, resolved.media.duration - 0.1));
}
