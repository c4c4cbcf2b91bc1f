// From a measurement of the mix to the gain and limiter that bring it to the target loudness.
import { LIMITER_CEILING_DB } from './plan-audio.ts';

/** What render/measure-loudness.ts reads from ebur128: declared here, where it is planned from. */
export interface LoudnessMeasurement {
  /** Integrated loudness, LUFS; -Infinity for silence. */
  integrated: number;
  /** True peak, dBTP; -Infinity for silence. */
  truePeak: number;
}

export interface LoudnessCorrection {
  /** undefined for silence: it stays silence, never amplified noise. */
  gainDb?: number;
  limit: boolean;
  /** True when the target needs more gain than the signal allows: the render warns. */
  short: boolean;
}

/** A measurement of the mix through a first, limited correction. */
export interface LimitedCheck {
  /** The gain it was measured with (the limiter after it). */
  gainDb: number;
  measured: LoudnessMeasurement;
}

/** Boost promo allows whatever the peaks: the limiter catches those pushed over its ceiling. */
const LIMITED_GAIN_DB = 30;
/** Beyond LIMITED_GAIN_DB, the most the limiter may take off the peaks: transients, not the sound. */
export const MAX_LIMITING_DB = 12;
/** Deepest cut promo applies. */
const MIN_GAIN_DB = -40;

/**
 * Works out the gain (and whether a true-peak limiter is needed) to reach `target` LUFS. Given
 * `check`, a measurement through a first limited correction, it makes up what the limiter took.
 */
export function planLoudnessCorrection(measured: LoudnessMeasurement, target: number, check?: LimitedCheck): LoudnessCorrection {
  if (!Number.isFinite(measured.integrated)) return { gainDb: undefined, limit: false, short: false };
  // Beyond +30 dB only as far as the limiter need take at most 12 dB off the peaks: a clean but
  // very quiet recording (speech, a tone) reaches the target, while faint sound under loud clicks
  // or handling bumps is not blown up into hiss with its bumps flattened (the render warns).
  const maxGain = Math.max(LIMITED_GAIN_DB, LIMITER_CEILING_DB + MAX_LIMITING_DB - measured.truePeak);
  const wanted = check && Number.isFinite(check.measured.integrated)
    ? check.gainDb + target - check.measured.integrated
    : target - measured.integrated;
  const gainDb = Math.max(MIN_GAIN_DB, Math.min(maxGain, wanted));
  return {
    gainDb,
    limit: check !== undefined || measured.truePeak + gainDb > LIMITER_CEILING_DB,
    // 0.05 dB: a rounding hair short is on target.
    short: wanted > maxGain + 0.05,
  };
}
