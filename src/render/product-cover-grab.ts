// The cover frames a product's render writes itself (one PNG per preset, from the decode it does
// anyway), when the cover time lies in one of the product's clips.
import { planFrameGrab, type FrameGrab } from '../plan/plan-frame-grab.ts';
import type { TimelineItem } from '../plan/plan-types.ts';
import { productCoverTime } from './product-cover-time.ts';
import type { ResolvedProduct } from './resolve-product-media.ts';

/** The grab of `resolved`'s cover from `items` into `targets` (one PNG per output); undefined when no clip holds it. */
export function productCoverGrab(resolved: ResolvedProduct, items: readonly TimelineItem[], targets: string[]): FrameGrab | undefined {
  return planFrameGrab(items, resolved.product.sku, productCoverTime(resolved), targets);
}
