// How many of its first clip's frames a part of a crossfade timeline leaves out (plan-timeline.ts
// part): a part that needs only the tail of its first clip (the overlap after it) drops that
// clip's head. Not at a fade (it fades by each item's own times) nor for a still or a card.
import type { TimelineLayout } from './plan-layout.ts';
import type { TimelinePart } from './plan-timeline.ts';
import type { TimelineItem, TransitionPlan } from './plan-types.ts';

/** Frames of item `part.first` before the earliest of output `p`'s pieces (0 when none are left out). */
export function planPartSkip(items: readonly TimelineItem[], layout: TimelineLayout, transition: TransitionPlan, part: TimelinePart, p: number): number {
  const first = part.first;
  const head = items[first]!;
  if (transition.type !== 'crossfade' || head.kind !== 'clip' || head.still) return 0;
  const firstFrame = Math.round(layout.spans[first]!.start * layout.fps);
  const earliest = Math.min(...part.pieces[p]!.map((piece) => piece.start));
  return Math.max(0, Math.min(earliest - firstFrame, layout.frames[first]! - (part.last > first ? layout.overlapFrames : 1)));
}
