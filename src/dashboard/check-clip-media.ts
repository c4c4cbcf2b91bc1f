// The footage side of a clip edit, as `promo validate` checks it: the edited product's clips must
// lie inside its footage (probed with ffprobe). Stills have no length to check. A problem is
// reported at the field of the clip it points at, so the page shows it there.
import type { PromoConfig } from '../config/config-types.ts';
import { resolveEngine } from '../engine/resolve-engine.ts';
import { probeMedia } from '../media/probe-media.ts';
import type { PromoSpec } from '../promo-spec/spec-types.ts';
import { isStillFootage, resolveProductMedia } from '../render/resolve-product-media.ts';
import { PromoError } from '../util/promo-error.ts';
import { formatYamlPath, type YamlIssue } from '../yaml/yaml-issue.ts';

/** Issues of product `sku`'s media in `spec` (none when its clips fit its footage). */
export async function checkClipMedia(spec: PromoSpec, sku: string, config: PromoConfig): Promise<YamlIssue[]> {
  const product = spec.products.find((p) => p.sku === sku);
  if (!product?.footage || isStillFootage(product.footage)) return [];
  const engine = await resolveEngine(config.engine);
  try {
    await resolveProductMedia(spec, product, {
      probeVideo: (file) => probeMedia(file, { ffprobe: engine.ffprobe, kind: 'video' }),
      normaliseStill: () => Promise.reject(new Error('not a still')),
    });
    return [];
  } catch (error) {
    if (!(error instanceof PromoError)) throw error;
    const location = error.location ?? spec.locate(['products', product.index]) ?? { file: spec.file, line: 1, col: 1 };
    // The field whose place the error names: in, out or duration of one of the product's clips.
    let path: (string | number)[] = ['products', product.index];
    for (const clip of product.clips) {
      for (const field of ['in', 'out', 'duration', undefined]) {
        const candidate = ['products', product.index, 'clips', clip.index, ...(field ? [field] : [])];
        const at = spec.locate(candidate);
        if (at && at.line === location.line && at.col === location.col && path.length < candidate.length) path = candidate;
      }
    }
    return [{ ...location, path: formatYamlPath(path), message: error.hint ? `${error.message}; ${error.hint}` : error.message }];
  }
}
