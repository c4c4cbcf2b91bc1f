// Plans cutting finished renders into their items' video segments by stream copy, to keep for an
// incremental re-render. The render put a keyframe (IDR, closed GOP) at each item's first frame,
// so every cut falls exactly on an item boundary.
import type { FfmpegCommand } from './ffmpeg-command.ts';
import { planSegmentMuxer } from './plan-segment-muxer.ts';

export interface SegmentSplitSource {
  /** A finished render (promo's own MP4). */
  file: string;
  /** Frames of each item, in order. */
  frames: readonly number[];
  /** Folder the segments are written to, as `0.mp4`, `1.mp4`, … */
  dir: string;
  /** CSV list the muxer writes: name, start and end of each segment (to check the cuts). */
  list: string;
  /** Where the render's audio goes, copied as it is (kept for a re-render whose audio is unchanged); none for a video-only file. */
  audio?: string;
}

/** One ffmpeg run that cuts every source into its segments (and copies out its audio). */
export function planSegmentSplit(sources: readonly SegmentSplitSource[]): FfmpegCommand {
  return {
    global: ['-hide_banner', '-nostdin', '-loglevel', 'error', '-xerror'],
    inputs: sources.map(({ file }) => ({ options: ['-protocol_whitelist', 'file', '-format_whitelist', 'mov,mp4'], source: file })),
    outputs: sources.flatMap(({ frames, dir, list, audio }, p) => [{
      // The muxer reads `%d` in the name as the segment number: a `%` in the folder stays one.
      target: `${dir.replaceAll('%', '%%')}/%d.mp4`,
      options: ['-map', `${p}:v:0`, '-c', 'copy', ...planSegmentMuxer(frames, list)],
    }, ...(audio === undefined ? [] : [{ target: audio, options: ['-map', `${p}:a:0`, '-c', 'copy', '-f', 'mp4'] }])]),
  };
}
