// How long an ffmpeg run may take before it is treated as hung and killed: derived from how much
// video it has to encode, generous enough for a busy shared machine.
import type { PresetDef } from '../presets/presets.ts';
import type { Quality } from '../promo-spec/spec-types.ts';

/** Seconds allowed per second of 1080×1920 output, per quality (about 10× what it takes here). */
const SECONDS_PER_OUTPUT_SECOND: Record<Quality, number> = { draft: 6, standard: 10, high: 40 };
const BASE_SECONDS = 60;

/** Milliseconds a render of `duration` seconds into `presets` may take. */
export function planTimeLimit(duration: number, presets: readonly PresetDef[], quality: Quality, scale = 1): number {
  const pixels = presets.reduce((sum, p) => sum + (p.width * p.height) / (1080 * 1920), 0);
  return Math.round((BASE_SECONDS + duration * pixels * SECONDS_PER_OUTPUT_SECOND[quality]) * scale * 1000);
}
