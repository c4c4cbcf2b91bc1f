// How far into an item a part's pieces reach (plan-timeline.ts part): at a crossfade the part's
// last item is often there only for the overlap before it, so it is read (plan-clip-inputs.ts)
// and fitted (plan-output-video.ts) only so far.
import type { TimelineLayout } from './plan-layout.ts';
import type { TimelinePart } from './plan-timeline.ts';

/** Frames of item `k`, from its first, up to the end of output `p`'s last piece (laid out by `layout`). */
export function planPartReach(part: TimelinePart, layout: TimelineLayout, p: number, k: number): number {
  const end = Math.max(...part.pieces[p]!.map((piece) => piece.start + piece.frames));
  return end - Math.round(layout.spans[k]!.start * layout.fps);
}
