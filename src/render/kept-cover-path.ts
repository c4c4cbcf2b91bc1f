// Where a cover drawn from `inputs` is kept: <out>/.promo/covers/<content key>.jpg. The key holds
// promo's render and drawing versions, the brand logo's bytes (a logo replaced under the same name
// is a new cover) and `inputs`, which must hold everything else the drawing reads, as plain data.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashInputs } from '../graphics/hash-inputs.ts';
import type { BrandSpec } from '../promo-spec/spec-types.ts';
import { RENDER_VERSION } from './render-version.ts';

/** The kept cover's path for `inputs` drawn with `brand`'s logo, in `outDir`. */
export async function keptCoverPath(outDir: string, brand: BrandSpec, inputs: Record<string, unknown>): Promise<string> {
  const logo = brand.logo === undefined
    ? undefined
    : await readFile(brand.logo).then((bytes) => createHash('sha256').update(bytes).digest('hex'), () => undefined);
  return join(outDir, '.promo', 'covers', `${hashInputs({ renderVersion: RENDER_VERSION, logo, ...inputs })}.jpg`);
}
