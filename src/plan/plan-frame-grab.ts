// Where a frame of the footage (a product's cover) lies in a timeline, so the render that decodes
// that clip anyway also writes the frame: on footage with sparse keyframes a separate grab would
// decode everything since the last keyframe a second time.
import type { TimelineItem } from './plan-types.ts';

/** How far ahead of the video a grab's frames are stamped (see planClipVideo's grab). */
export const GRAB_LEAD_SECONDS = 100_000;

/**
 * Output options of a grab: its two frames (the clip's first, then the grabbed one) into one PNG,
 * at one frame per 10⁶ s so that -vsync cfr (a global option in ffmpeg 4.1) neither repeats the
 * first, stamped GRAB_LEAD_SECONDS ahead, nor drops the second, stamped just after it.
 * -compression_level 1: the PNG is only read back once (by sharp, for the cover); zlib's fastest
 * level halves its encode (40 → 22 ms a 1080×1920 frame) in the render, the pixels the same.
 */
export const GRAB_PNG_OUTPUT = ['-frames:v', '2', '-r', '1/1000000', '-c:v', 'png', '-compression_level', '1', '-pix_fmt', 'rgb24', '-f', 'image2', '-update', '1'];

export interface FrameGrab {
  /** The timeline item (a clip) the frame is taken from. */
  item: number;
  /** Seconds into that clip. */
  offset: number;
  /** The PNG to write, one per output in output order. */
  targets: string[];
}

/** The first clip of `product` whose span of its footage holds `time`, or undefined when none does. */
export function planFrameGrab(items: readonly TimelineItem[], product: string, time: number, targets: string[]): FrameGrab | undefined {
  // Half a frame of slack either way: a cover time written to the millisecond still finds its clip.
  const slack = 1 / 120;
  const item = items.findIndex((it) => it.kind === 'clip' && it.product === product
    && (it.still || (time >= it.start - slack && time < it.start + it.duration - slack)));
  const clip = items[item];
  if (clip?.kind !== 'clip') return undefined;
  const offset = clip.still ? 0 : Math.max(0, time - clip.start);
  return { item, offset, targets };
}
