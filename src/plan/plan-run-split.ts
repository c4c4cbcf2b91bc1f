// Where an incremental re-render cuts one run of neighbouring segments in two, so two ffmpeg
// processes encode its halves side by side: a timeline's filter graph runs on one thread, and a
// re-rendered crossfade clip (its overlaps and middle) left the second core half idle.
import type { SegmentSpan } from './plan-segment-layout.ts';

/** Frames each half must have at least: below that a second process costs more than it saves. */
export const MIN_HALF_FRAMES = 30;

/**
 * The timeline frame to cut `spans` (one output's run, in order, end to end) at: near its middle,
 * never inside an overlap of two items (an overlap is one item's tail faded into the next: its
 * frames come from both, so it is cut at one of its edges instead), each half at least
 * `minFrames`; undefined when no such frame exists or the spans are not one run.
 */
export function planRunSplit(spans: readonly SegmentSpan[], minFrames = MIN_HALF_FRAMES): number | undefined {
  if (spans.length === 0) return undefined;
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]!.start !== spans[i - 1]!.start + spans[i - 1]!.frames) return undefined;
  }
  const start = spans[0]!.start;
  const end = start + spans.reduce((sum, span) => sum + span.frames, 0);
  const middle = start + Math.floor((end - start) / 2);
  const within = spans.find((span) => span.start < middle && middle < span.start + span.frames);
  const candidates = within && within.first !== within.last
    // The nearer edge of the overlap first, then the other.
    ? [within.start, within.start + within.frames].sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle))
    : [middle];
  return candidates.find((at) => at - start >= minFrames && end - at >= minFrames);
}
