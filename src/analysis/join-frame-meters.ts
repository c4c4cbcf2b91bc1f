// Joins the frame series of a picture decoded in two halves into the series one decode gives:
// the first half cut (or, should it fall short, held on its last frame, as the fps filter holds
// it) to the frames before the split, and the second half's first frame measured again against
// the first half's last (its change, motion and shift were measured against nothing).
import type { FrameSeries } from './analysis-types.ts';
import { FrameMeter } from './frame-meter.ts';

export interface JoinedFrames {
  series: FrameSeries;
  columns: number[][];
}

/** The series of `first` (its first `firstFrames` frames) followed by `second`'s, as from one decode of width×height frames at `fps`. */
export function joinFrameMeters(first: FrameMeter, second: FrameMeter, firstFrames: number, width: number, height: number, fps: number): JoinedFrames {
  while (first.series.time.length < firstFrames && first.last) first.push(first.last);
  if (!first.last || !second.first) {
    const only = first.last ? first : second;
    return { series: { ...only.series, time: only.series.time.map((_, i) => i / fps) }, columns: only.columns };
  }
  const seam = new FrameMeter(width, height, fps);
  seam.push(first.last);
  seam.push(second.first);
  const keys = Object.keys(first.series) as (keyof FrameSeries)[];
  const series = Object.fromEntries(keys.map((key) => {
    const values = [...first.series[key].slice(0, firstFrames), seam.series[key][1]!, ...second.series[key].slice(1)];
    return [key, key === 'time' ? values.map((_, i) => i / fps) : values];
  })) as unknown as FrameSeries;
  const columns = [...first.columns.slice(0, firstFrames), seam.columns[1]!, ...second.columns.slice(1)];
  return { series, columns };
}
