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
}

/** Largest boost promo applies: beyond it a near-silent source would turn into loud hiss. */
const MAX_GAIN_DB = 30;

/** Works out the gain (and whether a true-peak limiter is needed) to reach `target` LUFS. */
export function planLoudnessCorrection(measured: LoudnessMeasurement, target: number): LoudnessCorrection {
  if (!Number.isFinite(measured.integrated)) return { gainDb: undefined, limit: false };
  const gainDb = Math.max(-40, Math.min(MAX_GAIN_DB, target - measured.integrated));
  const peakAfter = measured.truePeak + gainDb;
  return { gainDb, limit: peakAfter > LIMITER_CEILING_DB };
}
