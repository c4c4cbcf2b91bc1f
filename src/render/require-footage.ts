// A product's footage path, or the error that says how to give it one.
import type { ProductSpec, PromoSpec } from '../promo-spec/spec-types.ts';
import { PromoError } from '../util/promo-error.ts';

/** The product's footage; throws FOOTAGE_MISSING (with the product's place in the spec) when it has none. */
export function requireFootage(spec: PromoSpec, product: ProductSpec): string {
  if (product.footage !== undefined) return product.footage;
  throw new PromoError('FOOTAGE_MISSING', `${product.sku} has no footage`, {
    location: spec.locate(['products', product.index]),
    hint: 'add `footage:` to the product, or drop its file into a watched inbox (`promo watch`)',
  });
}
