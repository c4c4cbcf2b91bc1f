// Shake: how much the camera's motion changes from one analysed frame to the next, averaged over
// SHAKE_WINDOW_SECONDS. A steady pan moves a lot but evenly (little change); a shaking hand
// jerks the picture back and forth (a large change every frame).
import { SHAKE_WINDOW_SECONDS } from './analysis-constants.ts';
import type { FrameSeries } from './analysis-types.ts';

/**
 * Per frame, the windowed mean |Δ motion| in px of the analysed picture. Only shifts marked in
 * `shiftValid` (between two frames whose motion means something: not black, not frozen, no jump
 * of light) and not across a cut count.
 */
export function measureJitter(frames: Pick<FrameSeries, 'shiftX' | 'shiftY'>, fps: number, cuts: readonly number[], shiftValid: readonly boolean[]): number[] {
  const n = frames.shiftX.length;
  const cutSet = new Set(cuts);
  const step: (number | undefined)[] = [];
  for (let i = 0; i < n; i++) {
    // A frame's motion and the one before it must both be measured inside one shot.
    const valid = i >= 2 && !cutSet.has(i) && !cutSet.has(i - 1) && shiftValid[i]! && shiftValid[i - 1]!;
    step.push(valid ? Math.hypot(frames.shiftX[i]! - frames.shiftX[i - 1]!, frames.shiftY[i]! - frames.shiftY[i - 1]!) : undefined);
  }
  const half = Math.max(1, Math.round((SHAKE_WINDOW_SECONDS * fps) / 2));
  const jitter: number[] = [];
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let count = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(n - 1, i + half); j++) {
      const value = step[j];
      if (value === undefined) continue;
      sum += value;
      count++;
    }
    jitter.push(count ? sum / count : 0);
  }
  return jitter;
}
