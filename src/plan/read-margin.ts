// How far past a clip's end its footage is read. Frame-rate conversion (the fps filter) needs the
// first frame after the clip's last output frame to place that one, and the sound needs its last
// packet; anything read beyond that is decoded and thrown away. A fixed half second cost every
// clip 15 decoded 1080p frames at 30 fps, 30 at 60 fps (~3 % of benchmark 1c's run), for frames the
// trim after it drops. Three of the footage's own frame intervals cover a phone's frame-timing
// jitter; a frame later than that is one the fps filter would have repeated the one before for
// anyway, which is what the hold on the last frame (tpad) does.
import type { VideoStreamInfo } from '../media/probe-media.ts';

/** The most read past a clip: footage with frames further apart than this holds its last one. */
export const MAX_READ_MARGIN = 0.5;
/** The least read past a clip (seconds): a few AAC packets at any sample rate. */
export const MIN_READ_MARGIN = 0.1;
/** Frame intervals of the footage read past a clip. */
export const READ_MARGIN_FRAMES = 3;

/** Seconds of footage read past a clip's end, from its picture's average frame rate. */
export function readMargin(video: Pick<VideoStreamInfo, 'fps'> | undefined): number {
  const fps = video?.fps;
  if (!fps || !Number.isFinite(fps) || fps <= 0) return MAX_READ_MARGIN;
  return Math.min(MAX_READ_MARGIN, Math.max(MIN_READ_MARGIN, READ_MARGIN_FRAMES / fps));
}
