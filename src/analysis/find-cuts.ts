// Hard cuts from the frame series, the way PySceneDetect's AdaptiveDetector finds them: a frame
// whose picture change stands far above its neighbours' (camera moves raise them all alike,
// a cut raises one) and is large in itself.
import { CUT_ADAPTIVE_RATIO, CUT_MIN_CHANGE, CUT_WINDOW_FRAMES, MIN_SCENE_SECONDS } from './analysis-constants.ts';
import type { FrameSeries } from './analysis-types.ts';

/** Indexes of the frames that start a new scene (never 0), in order. */
export function findCuts(frames: Pick<FrameSeries, 'change'>, fps: number): number[] {
  const change = frames.change;
  const cuts: number[] = [];
  const minGap = Math.max(1, Math.round(MIN_SCENE_SECONDS * fps));
  for (let i = 1; i < change.length; i++) {
    const value = change[i]!;
    if (value < CUT_MIN_CHANGE) continue;
    let sum = 0;
    let count = 0;
    for (let j = i - CUT_WINDOW_FRAMES; j <= i + CUT_WINDOW_FRAMES; j++) {
      // Frame 0 has no previous frame, so no change of its own to compare with.
      if (j === i || j < 1 || j >= change.length) continue;
      sum += change[j]!;
      count++;
    }
    const neighbours = count ? sum / count : 0;
    if (value < CUT_ADAPTIVE_RATIO * neighbours) continue;
    const last = cuts[cuts.length - 1];
    // Two cuts closer than a scene's shortest length: a flash; keep the stronger one.
    if (last !== undefined && i - last < minGap) {
      if (value > change[last]!) cuts[cuts.length - 1] = i;
      continue;
    }
    if (i < minGap) continue;
    cuts.push(i);
  }
  return cuts;
}
