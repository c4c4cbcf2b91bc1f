// Where each item of a timeline sits in an output, in whole frames: cuts and fades place items
// end to end; a crossfade overlaps neighbours by the transition's length.
import type { TimelineItem, TransitionPlan } from './plan-types.ts';

export interface TimelineLayout {
  fps: number;
  /** Frames each item is rendered with (before any overlap). */
  frames: number[];
  /** Where each item starts and ends on the output's timeline, seconds. */
  spans: { start: number; end: number }[];
  /** Frames neighbours share (crossfade only). */
  overlapFrames: number;
  totalFrames: number;
  /** Seconds. */
  duration: number;
}

/** Lays a timeline out at `fps`. Cumulative rounding keeps the total exact to the frame. */
export function planLayout(items: readonly TimelineItem[], transition: TransitionPlan, fps: number): TimelineLayout {
  const frames: number[] = [];
  if (transition.type === 'crossfade') {
    for (const item of items) frames.push(Math.max(1, Math.round(item.duration * fps)));
  } else {
    let at = 0;
    for (const item of items) {
      const next = at + item.duration;
      frames.push(Math.max(1, Math.round(next * fps) - Math.round(at * fps)));
      at = next;
    }
  }
  // An overlap can be at most half of the shortest item, so no item is crossed twice at once.
  const overlapFrames = transition.type === 'crossfade' && items.length > 1
    ? Math.max(1, Math.min(Math.round(transition.duration * fps), Math.floor(Math.min(...frames) / 2)))
    : 0;
  const spans: { start: number; end: number }[] = [];
  let startFrame = 0;
  for (const count of frames) {
    spans.push({ start: startFrame / fps, end: (startFrame + count) / fps });
    startFrame += count - overlapFrames;
  }
  const totalFrames = startFrame + overlapFrames;
  return { fps, frames, spans, overlapFrames, totalFrames, duration: totalFrames / fps };
}
