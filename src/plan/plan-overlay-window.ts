// When a clip's overlays (captions, the price badge) show at a crossfade. xfade blends whole
// pictures, so an overlay drawn on a clip's frames in an overlap blends into the next clip's
// overlay at the same place: two captions through each other, or "¥99" over "¥39" reading as
// "¥398", for the length of the transition. Such an overlay is drawn on its clip's own frames
// (outside the overlaps) instead; a clip with too few of those for a caption to be read also
// lends its captions the half of each overlap on its side, so two never meet. At a cut or a fade
// (no overlaps) every window is the overlay's own, unchanged. Used by the render's graph
// (plan-output-video.ts) and by the segment keys (plan-segment-keys.ts), so an overlap no caption
// reaches keeps its key when a caption is edited.
import type { TimelineLayout } from './plan-layout.ts';

/**
 * Shortest time (s) a clip keeps to itself at a crossfade for its captions to stay off the
 * overlaps: below this they also take the overlaps' halves on the clip's side. About the time to
 * read a short line of Chinese (6–8 characters).
 */
export const MIN_READ_SECONDS = 1;

export interface ClipOverlaps {
  /** The clip's frames. */
  frames: number;
  fps: number;
  /**
   * Frames it shares with the item before it and the item after it that the overlay keeps off
   * (0 at a cut or fade, at the ends, and where the neighbour shows nothing to clash with).
   */
  head: number;
  tail: number;
  /**
   * Keep off the overlaps whatever the clip's length: no halves lent, nothing kept when nothing is
   * left. For the badge, whose window must then depend on each neighbour alone (the segment key of
   * an overlap holds its two items, not the items beyond them).
   */
  strict?: boolean;
}

/** Item `k`'s overlaps in `layout` (of `count` items): with the item before it and the item after it. */
export function clipOverlaps(layout: TimelineLayout, k: number, count: number): ClipOverlaps {
  return { frames: layout.frames[k]!, fps: layout.fps, head: k > 0 ? layout.overlapFrames : 0, tail: k < count - 1 ? layout.overlapFrames : 0 };
}

/** An overlay's window in clip seconds, ends included (ffmpeg's `between(t,start,end)`). */
export interface OverlayWindow {
  start: number;
  end: number;
}

/**
 * Where an overlay meant for `wanted` shows on its clip: within the frames the clip does not
 * share, or as wanted when clipping it would hide it altogether (a timed cue that lies wholly
 * inside an overlap: shown as written rather than lost).
 */
export function planOverlayWindow(wanted: OverlayWindow, overlaps: ClipOverlaps): OverlayWindow {
  const { frames, fps } = overlaps;
  let { head, tail } = overlaps;
  if (head === 0 && tail === 0) return { start: wanted.start, end: wanted.end };
  if (!overlaps.strict && (frames - overlaps.head - overlaps.tail) / fps < MIN_READ_SECONDS) {
    // The overlaps' halves: a neighbour that does the same stops (or starts) on the next frame.
    head = Math.ceil(head / 2);
    tail = Math.floor(tail / 2);
  }
  // Half a frame inside the first and last frames shown, so rounding never takes in a neighbour.
  const from = head > 0 ? (head - 0.5) / fps : -Infinity;
  const to = tail > 0 ? (frames - tail - 0.5) / fps : Infinity;
  const start = Math.max(wanted.start, from);
  const end = Math.min(wanted.end, to);
  return end >= start || overlaps.strict ? { start, end } : { start: wanted.start, end: wanted.end };
}
