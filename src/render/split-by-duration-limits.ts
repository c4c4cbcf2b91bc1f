// Platforms refuse videos outside their duration limits. A job renders the presets its length
// fits and reports the others, rather than failing everything for one strict platform.
import type { PresetDef } from '../presets/presets.ts';
import type { ProductSpec, PromoSpec } from '../promo-spec/spec-types.ts';
import { PromoError } from '../util/promo-error.ts';

export interface DurationSplit {
  allowed: PresetDef[];
  /** One error naming every refused preset, when there are any. */
  refused?: PromoError;
}

/** Splits presets by whether a video of `clipsDuration` seconds (plus cards) fits their limits. */
export function splitByDurationLimits(spec: PromoSpec, clipsDuration: number, presets: readonly PresetDef[], product?: ProductSpec): DurationSplit {
  const cards = (spec.intro ? spec.intro.duration : 0) + (spec.outro ? spec.outro.duration : 0);
  const total = clipsDuration + cards;
  const allowed: PresetDef[] = [];
  const problems: string[] = [];
  let tooShort = false;
  for (const preset of presets) {
    if (preset.maxDuration !== undefined && total > preset.maxDuration + 1e-6) {
      problems.push(`over ${preset.name}'s limit of ${preset.maxDuration} s`);
    } else if (preset.minDuration !== undefined && total < preset.minDuration - 1e-6) {
      problems.push(`under ${preset.name}'s minimum of ${preset.minDuration} s`);
      tooShort = true;
    } else {
      allowed.push(preset);
    }
  }
  if (problems.length === 0) return { allowed };
  const what = product ? product.sku : 'the reel';
  const refused = new PromoError('DURATION_LIMIT', `${what} is ${total.toFixed(1)} s, ${problems.join(' and ')}; not rendered for ${presets.length - allowed.length === 1 ? 'that preset' : 'those presets'}`, {
    location: product ? spec.locate(['products', product.index, 'clips']) : spec.locate(['reel']),
    hint: tooShort ? 'lengthen its clips or turn on intro/outro cards' : 'shorten its clips, or drop the preset from outputs',
  });
  return { allowed, refused };
}
