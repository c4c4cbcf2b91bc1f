// The options of one video output of a render: promo's x264 settings, constant frame rate, BT.709
// tags, forced keyframes, AAC audio (or none) and an MP4 with its index first.
import type { EngineCapabilities } from '../engine/detect-capabilities.ts';
import { SAMPLE_RATE } from './plan-audio.ts';
import { planSegmentMuxer } from './plan-segment-muxer.ts';
import type { EncodeSettings } from './plan-types.ts';

export interface OutputOptions {
  preset: { fps: number };
  /** Graph labels of the picture, and of the sound (undefined: video only, a segment). */
  video: string;
  audio?: string;
  encode: EncodeSettings;
  capabilities: Pick<EngineCapabilities, 'fpsModeOption'>;
  /** Seconds where a keyframe is forced (IDR: x264's GOPs are closed unless asked otherwise). */
  keyframes: readonly number[];
  /**
   * Cut the video as it is encoded (the segment muxer, on the forced keyframes) into files of
   * these frame counts, the muxer's CSV list of their starts and ends in `list`; the output's
   * target is then a `%d` pattern. Video only.
   */
  segments?: { frames: readonly number[]; list: string };
}

/** The ffmpeg output options of one render output. */
export function planOutputOptions(options: OutputOptions): string[] {
  const { encode, capabilities, audio } = options;
  const keyframes = options.keyframes.length > 0 ? ['-force_key_frames', options.keyframes.map((t) => t.toFixed(6)).join(',')] : [];
  const audioOptions = audio === undefined
    ? ['-an']
    : ['-c:a', 'aac', '-b:a', encode.audioBitrate, '-ar', String(SAMPLE_RATE), '-ac', '2'];
  return [
    '-map', options.video, ...(audio === undefined ? [] : ['-map', audio]),
    '-c:v', 'libx264', '-preset', encode.x264Preset, '-crf', String(encode.crf),
    // A ceiling on bitrate keeps busy footage within what platforms accept without a re-encode.
    '-maxrate', encode.maxrate, '-bufsize', encode.bufsize,
    '-profile:v', 'high', '-pix_fmt', 'yuv420p',
    '-r', String(options.preset.fps), capabilities.fpsModeOption, 'cfr',
    '-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709', '-color_range', 'tv',
    ...keyframes,
    ...audioOptions,
    // The index (moov) first, so phones and platform uploaders can start before the whole file.
    ...(options.segments ? [] : ['-movflags', '+faststart']),
    '-map_metadata', '-1', '-map_chapters', '-1', '-max_muxing_queue_size', '4096',
    ...(options.segments ? planSegmentMuxer(options.segments.frames, options.segments.list) : ['-f', 'mp4']),
  ];
}
