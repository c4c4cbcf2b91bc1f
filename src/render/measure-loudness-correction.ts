// The loudness side of a render: measure the mix (audio only), work out the gain and limiter that
// bring it to the spec's target, and say so when the signal does not allow reaching it.
import { MAX_LIMITING_DB, planLoudnessCorrection, type LoudnessCorrection, type LoudnessMeasurement } from '../plan/plan-loudness-correction.ts';
import { planLoudnessAnalysis } from '../plan/plan-loudness-analysis.ts';
import type { AudioPlan, TimelineItem } from '../plan/plan-types.ts';
import { measureLoudnessMemo } from './measure-loudness-memo.ts';
import type { RenderContext } from './render-context.ts';

export interface LoudnessCorrectionResult {
  /** The mix before correction. */
  measured: LoudnessMeasurement;
  correction: LoudnessCorrection;
  /** Set when the target is out of reach: names the job, the measured and the achieved loudness. */
  warning?: string;
}

/** Measures a job's mix and plans its correction; `name` (a SKU or `reel`) labels the warning. */
export async function measureLoudnessCorrection(
  ctx: RenderContext,
  name: string,
  items: TimelineItem[],
  base: AudioPlan,
  fps: number,
): Promise<LoudnessCorrectionResult> {
  const target = ctx.spec.loudness;
  const seconds = items.reduce((sum, item) => sum + item.duration, 0);
  const limits = { ffmpeg: ctx.engine.ffmpeg, signal: ctx.signal, timeoutMs: Math.round((60 + 2 * seconds) * 1000 * ctx.timeoutScale) };
  const through = (correction?: LoudnessCorrection) => measureLoudnessMemo(ctx, planLoudnessAnalysis({
    items, transition: ctx.transition, fps, audio: correction ? { ...base, gainDb: correction.gainDb, limit: correction.limit } : base,
  }), limits);
  const measured = await through();
  let correction = planLoudnessCorrection(measured, target);
  if (correction.gainDb === undefined) return { measured, correction };
  // A plain gain is exact: the level after it needs no measuring.
  let achieved = measured.integrated + correction.gainDb;
  if (correction.limit) {
    // Limiting lowers loudness a little; measure once more through the limiter and make up for it.
    const first = correction.gainDb;
    const check = await through(correction);
    correction = planLoudnessCorrection(measured, target, { gainDb: first, measured: check });
    achieved = check.integrated;
    // Short of the target after a make-up: measure what the warning reports.
    if (correction.short && correction.gainDb !== first) achieved = (await through(correction)).integrated;
  }
  if (!correction.short) return { measured, correction };
  const peaks = Number.isFinite(measured.truePeak) ? `, peaks ${oneDecimal(measured.truePeak)} dBTP` : '';
  return {
    measured,
    correction,
    warning: `${name}: audio is very quiet (${oneDecimal(measured.integrated)} LUFS${peaks}); raised to ${oneDecimal(achieved)} LUFS, `
      + `short of the ${target} LUFS target (more gain would have the limiter flatten its peaks by over ${MAX_LIMITING_DB} dB)`,
  };
}

function oneDecimal(value: number): string {
  return value.toFixed(1);
}
