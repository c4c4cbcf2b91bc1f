// Where a frame of the footage (a product's cover) lies in a timeline, so the render that decodes
// that clip anyway also writes the frame: on footage with sparse keyframes a separate grab would
// decode everything since the last keyframe a second time.
import type { TimelineItem } from './plan-types.ts';

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
  if (item < 0) return undefined;
  const clip = items[item]!;
  if (clip.kind !== 'clip') return undefined;
  return { item, offset: clip.still ? 0 : Math.max(0, time - clip.start), targets };
}
