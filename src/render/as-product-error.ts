// Turns whatever went wrong with a product into a PromoError a person can act on.
import { relative } from 'node:path';
import type { ProductSpec, PromoSpec } from '../promo-spec/spec-types.ts';
import { PromoError } from '../util/promo-error.ts';

/** A PromoError for a product's failure (file system errors on its footage get their own codes). */
export function asProductError(spec: PromoSpec, product: ProductSpec, error: unknown): PromoError {
  if (error instanceof PromoError) return error;
  const footage = product.footage ?? '';
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') {
    return new PromoError('FOOTAGE_MISSING', `footage not found: ${relative(spec.dir, footage)}`, {
      location: spec.locate(['products', product.index, 'footage']),
      hint: 'check the path (relative to the spec file) and the file name',
    });
  }
  if (code === 'EACCES' || code === 'EISDIR') {
    return new PromoError('FOOTAGE_UNREADABLE', `footage cannot be read: ${relative(spec.dir, footage)} (${code})`, {
      location: spec.locate(['products', product.index, 'footage']),
      hint: 'point footage at a readable video or image file',
    });
  }
  return wrapUnknown(error);
}

export function wrapUnknown(error: unknown): PromoError {
  return new PromoError('RENDER_FAILED', (error as Error)?.message ?? String(error), { cause: error });
}
