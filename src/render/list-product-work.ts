// Which presets of each selected product need rendering: a product's cache key covers its footage,
// clips and everything shared; an output whose key and file are unchanged is left as it is.
import type { FileHasher } from '../cache/file-hasher.ts';
import type { PresetDef } from '../presets/presets.ts';
import type { ProductSpec, PromoSpec } from '../promo-spec/spec-types.ts';
import type { PromoError } from '../util/promo-error.ts';
import { asProductError } from './as-product-error.ts';
import type { CurrentCheck } from './create-current-check.ts';
import { planOutputKey, planProductKey } from './product-keys.ts';

/** One product's work: its key, or the error that kept it from having one, and the presets to render. */
export interface ProductWork {
  product: ProductSpec;
  key?: string;
  error?: PromoError;
  todo: PresetDef[];
}

export interface ProductWorkOptions {
  spec: PromoSpec;
  products: readonly ProductSpec[];
  presets: PresetDef[];
  sharedKey: string;
  hasher: FileHasher;
  isCurrent: CurrentCheck;
}

/** Each product's work, in order; a product whose key cannot be made has every preset to do and its error. */
export async function listProductWork(options: ProductWorkOptions): Promise<ProductWork[]> {
  const { spec, presets, sharedKey, hasher, isCurrent } = options;
  const plans: ProductWork[] = [];
  for (const product of options.products) {
    try {
      const key = await planProductKey(sharedKey, product, hasher, spec);
      const todo: PresetDef[] = [];
      for (const preset of presets) {
        if (!(await isCurrent(product.sku, preset, planOutputKey(key, preset), ['video', 'cover']))) todo.push(preset);
      }
      plans.push({ product, key, todo });
    } catch (error) {
      plans.push({ product, error: asProductError(spec, product, error), todo: presets });
    }
  }
  return plans;
}
