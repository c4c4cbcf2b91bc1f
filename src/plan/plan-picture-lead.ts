// How long a clip holds its picture's first frame before the picture starts: a take whose sound
// starts first (the video stream's start later than the file's, video.delay) read from an in point
// before its picture. plan-clip-video.ts holds the frame that long, so the picture keeps to its
// sound; the head seek of an incremental part (render/probe-head-seek.ts) does not apply then.
import type { TimelineClip } from './plan-types.ts';

/**
 * A picture that starts less than half an output frame after the clip's in is not held: fps would
 * round its first frame to frame 0 anyway.
 */
const LEAD_FRAMES = 0.5;

/** Seconds from the clip's in to its picture's first frame, 0 when it is there at once (or within half a frame at `fps`). */
export function planPictureLead(clip: TimelineClip, fps: number): number {
  if (clip.still || !clip.media.video) return 0;
  const lead = Math.round(Math.max(0, (clip.media.video.delay ?? 0) - clip.start) * 1e6) / 1e6;
  return lead * fps >= LEAD_FRAMES ? lead : 0;
}
