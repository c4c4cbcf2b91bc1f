// The key of one product of one spec on the Clips page: its region's id and its SSE event
// (`clip-<key>`), hex whatever characters the SKU has.
import { pathId } from './path-id.ts';

/** The key of product `sku` (null: the reel) of the spec `specFile`. */
export function productKey(specFile: string, sku: string | null): string {
  return pathId(`${specFile}\0${sku ?? ''}`);
}
