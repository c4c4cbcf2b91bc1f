// Places each cut found between two analysed frames on the decoded frame it starts at (pure): of
// the frames the analysis decode logged near it, the one that changed most from the frame decoded
// before it. Where frames nothing refers to were not decoded (-skip_frame noref), the cut lies
// between two logged frames: a clip starts at the later one and ends after the earlier one, so
// neither shows a frame of the other scene.
import { CUT_PLACE_MIN_SCORE } from './analysis-constants.ts';
import type { FrameLog, PlacedCut } from './analysis-types.ts';
import { pictureStart } from './picture-start.ts';

/**
 * `cuts`: analysed frame indexes at `fps` (the first frame of each new scene); `frameSeconds`: the
 * source's frame duration; `logs[0]` starts at the take's first decoded frame. Cuts with no logged
 * frame near them that changed enough are left out.
 */
export function placeCuts(cuts: readonly number[], fps: number, logs: readonly FrameLog[], frameSeconds: number): PlacedCut[] {
  const placed: PlacedCut[] = [];
  // A picture that starts after the sound starts later than 0.
  const origin = pictureStart(logs, fps);
  // A log in time order (a decoder's output always is) is searched by bisection for each cut's
  // window: O(cuts × log(frames)) rather than every logged frame per cut. Out of order, all of it.
  const ordered = logs.map(isOrdered);
  for (const frame of cuts) {
    // Analysed frame i shows the last decoded frame before (i + 0.5) / fps (the fps filter rounds
    // to the nearest), so the cut's first frame lies before that and after the frame analysed two
    // steps earlier (one step, and one more where few frames were decoded).
    const from = origin + (frame - 2) / fps;
    const to = origin + (frame + 0.5) / fps;
    let best: PlacedCut | undefined;
    let bestScore = -1;
    logs.forEach((log, i) => {
      // From 1: a log's first frame was compared with nothing.
      const start = ordered[i] ? Math.max(1, firstAtOrAfter(log.time, from)) : 1;
      for (let j = start; j < log.time.length; j++) {
        const t = log.time[j]!;
        if (t >= to && ordered[i]) break;
        if (t < from || t >= to || log.score[j]! <= bestScore) continue;
        bestScore = log.score[j]!;
        best = { frame, start: t, end: Math.min(t, log.time[j - 1]! + frameSeconds) };
      }
    });
    // Below the least score a cut gives, no logged frame is the cut's (it may start a log): not placed.
    if (best && bestScore >= CUT_PLACE_MIN_SCORE) placed.push(best);
  }
  return placed;
}

function isOrdered(log: FrameLog): boolean {
  for (let j = 1; j < log.time.length; j++) if (!(log.time[j]! >= log.time[j - 1]!)) return false;
  return true;
}

// The index of the first of `times` (ascending) at or after `at`; times.length when none is.
function firstAtOrAfter(times: readonly number[], at: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (times[mid]! < at) low = mid + 1;
    else high = mid;
  }
  return low;
}
