// Where an output is cut into segments for an incremental re-render. At a cut or a fade each item
// is one segment (a fade through black happens inside the item's own frames). A crossfade's
// overlap depends on both neighbours, so it is a segment of its own: each item's frames outside
// the overlaps are one segment, each overlap another, and an edit to item k changes k's middle
// and the overlaps on either side of it only.
import { planLayout, type TimelineLayout } from './plan-layout.ts';
import type { TimelineItem, TransitionPlan } from './plan-types.ts';

export interface SegmentSpan {
  /** The items whose pixels the segment shows: one item, or two neighbours (an overlap). */
  first: number;
  last: number;
  /** First frame on the output's timeline. */
  start: number;
  frames: number;
}

export interface SegmentLayout {
  layout: TimelineLayout;
  /** In timeline order, end to end, none empty: their frames add up to the whole output's. */
  segments: SegmentSpan[];
}

/** Cuts a timeline laid out at `fps` into its segments. */
export function planSegmentLayout(items: readonly TimelineItem[], transition: TransitionPlan, fps: number): SegmentLayout {
  const layout = planLayout(items, transition, fps);
  const starts = layout.spans.map((span) => Math.round(span.start * fps));
  const overlap = layout.overlapFrames;
  const segments: SegmentSpan[] = [];
  items.forEach((_, k) => {
    // The item's own frames: after the overlap with the one before, up to the one with the next.
    const from = starts[k]! + (k > 0 ? overlap : 0);
    const to = starts[k]! + layout.frames[k]! - (k < items.length - 1 ? overlap : 0);
    // An item exactly two overlaps long has no frames of its own.
    if (to > from) segments.push({ first: k, last: k, start: from, frames: to - from });
    if (overlap > 0 && k < items.length - 1) segments.push({ first: k, last: k + 1, start: starts[k + 1]!, frames: overlap });
  });
  return { layout, segments };
}
