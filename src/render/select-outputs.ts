// --only and --preset: which products and presets of the spec a run renders.
import type { PresetDef } from '../presets/presets.ts';
import type { ProductSpec, PromoSpec } from '../promo-spec/spec-types.ts';
import { PromoError } from '../util/promo-error.ts';
import { REEL } from './build-manifest.ts';

/** The spec's outputs named by --preset (all when undefined); a name not among them is a usage error. */
export function selectPresets(spec: PromoSpec, names: string[] | undefined): PresetDef[] {
  if (!names) return spec.outputs;
  const unknown = names.filter((n) => !spec.outputs.some((p) => p.name === n.toLowerCase()));
  if (unknown.length > 0) {
    throw new PromoError('USAGE', `--preset ${unknown.join(', ')}: not among the spec's outputs (${spec.outputs.map((p) => p.name).join(', ')})`, {
      hint: 'add the preset to `outputs:` in the spec, or pick one of those',
    });
  }
  return spec.outputs.filter((p) => names.some((n) => n.toLowerCase() === p.name));
}

/** The spec's products named by --only (all when undefined; `reel` is allowed); an unknown SKU is a usage error. */
export function selectProducts(spec: PromoSpec, only: string[] | undefined): ProductSpec[] {
  if (!only) return spec.products;
  const wanted = only.map((s) => s.toLowerCase());
  const unknown = only.filter((s) => s.toLowerCase() !== REEL && !spec.products.some((p) => p.sku.toLowerCase() === s.toLowerCase()));
  if (unknown.length > 0) {
    throw new PromoError('USAGE', `--only ${unknown.join(', ')}: no such SKU in the spec`, {
      hint: `use SKUs from the spec (${spec.products.map((p) => p.sku).join(', ')}) or \`reel\``,
    });
  }
  return spec.products.filter((p) => wanted.includes(p.sku.toLowerCase()));
}
