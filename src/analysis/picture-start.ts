// Where the analysed frames start on the render's timeline (the file's, from its start, as ffmpeg's
// -ss counts): at the first decoded frame's time, rounded to the analysis rate as the fps filter
// rounds it. A phone's picture often starts after its sound (the video stream's start_time later
// than the audio's), so analysed frame i lies at this + i / fps, not at i / fps.
import type { FrameLog } from './analysis-types.ts';

/** Seconds of analysed frame 0, from the first picture decode's log (0 when it logged nothing). */
export function pictureStart(logs: readonly FrameLog[], fps: number): number {
  const first = logs[0]?.time[0];
  return first === undefined ? 0 : Math.round(first * fps) / fps;
}
