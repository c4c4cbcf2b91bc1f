// The segment muxer's options that cut a video into MP4 files of given frame counts, on the
// keyframes (IDR) the render forced there: used to cut a finished render by stream copy
// (plan-segment-split.ts) and to cut an incremental re-render's run as it is encoded
// (plan-output-options.ts).

/** Output options after which ffmpeg writes `frames[0]`, `frames[1]`, … frames to `%d.mp4` files, with a CSV `list` of their starts and ends. */
export function planSegmentMuxer(frames: readonly number[], list: string): string[] {
  const cuts: number[] = [];
  let at = 0;
  for (const count of frames.slice(0, -1)) cuts.push((at += count));
  return [
    // Each segment keeps its own timestamps from 0 (B-frames make the first DTS negative):
    // shifting them would start a segment late by the reorder delay.
    '-avoid_negative_ts', 'disabled',
    '-f', 'segment', '-segment_format', 'mp4', '-reset_timestamps', '1',
    ...(cuts.length > 0 ? ['-segment_frames', cuts.join(',')] : ['-segment_time', '1000000']),
    '-segment_list', list, '-segment_list_type', 'csv',
  ];
}
