// The one ffmpeg decode a footage analysis needs: the picture thinned to ANALYSIS_FPS and scaled
// to a small grey frame (raw bytes to one file), the sound mixed to mono 16-bit PCM at
// ANALYSIS_AUDIO_RATE (to another), both from the same read of the file.
import { inputWhitelist, VIDEO_FORMATS } from '../media/input-whitelists.ts';
import { stringifyFiltergraph } from '../plan/filtergraph.ts';
import { ANALYSIS_AUDIO_RATE, ANALYSIS_FPS, ANALYSIS_LONG_SIDE } from './analysis-constants.ts';

export interface AnalysisCommandOptions {
  input: string;
  /** Display size of the footage (rotation applied), to keep its aspect. */
  displayWidth: number;
  displayHeight: number;
  hasAudio: boolean;
  videoOut: string;
  audioOut: string;
}

export interface AnalysisCommand {
  args: string[];
  width: number;
  height: number;
}

// The size of the analysed grey frames: the longer side ANALYSIS_LONG_SIDE, both even.
function analysisSize(displayWidth: number, displayHeight: number): { width: number; height: number } {
  const even = (value: number) => Math.max(2, 2 * Math.round(value / 2));
  if (displayWidth >= displayHeight) return { width: ANALYSIS_LONG_SIDE, height: even((ANALYSIS_LONG_SIDE * displayHeight) / displayWidth) };
  return { width: even((ANALYSIS_LONG_SIDE * displayWidth) / displayHeight), height: ANALYSIS_LONG_SIDE };
}

/** Builds the ffmpeg arguments of the analysis decode. */
export function planAnalysisCommand(options: AnalysisCommandOptions): AnalysisCommand {
  const { width, height } = analysisSize(options.displayWidth, options.displayHeight);
  const graph = stringifyFiltergraph([{
    inputs: ['0:v:0'],
    // fps first: only the frames analysed are scaled. `area` averages the pixels it drops, so the
    // small frame keeps the big one's mean light; sharpness is still measurable at this size.
    filters: [
      { name: 'fps', args: { fps: ANALYSIS_FPS } },
      { name: 'scale', args: { w: width, h: height, flags: 'area' } },
      { name: 'format', args: ['gray'] },
    ],
    outputs: ['v'],
  }]);
  const args = [
    '-hide_banner', '-nostdin', '-nostats', '-v', 'error',
    // Frames nothing else refers to (most B-frames) are not decoded: a third less decoding, and
    // the fps filter still finds a frame within a frame or two of every analysed instant.
    '-skip_frame', 'noref',
    // Nor is the deblocking filter run (about a fifth of the decoder's work): its blocks are
    // 8–16 px, a pixel or less at the analysed size.
    '-skip_loop_filter', 'all',
    ...inputWhitelist(VIDEO_FORMATS), '-i', options.input,
    '-filter_complex', graph,
    '-map', '[v]', '-f', 'rawvideo', '-pix_fmt', 'gray', '-y', options.videoOut,
  ];
  if (options.hasAudio) {
    args.push('-map', '0:a:0', '-vn', '-ac', '1', '-ar', String(ANALYSIS_AUDIO_RATE), '-c:a', 'pcm_s16le', '-f', 's16le', '-y', options.audioOut);
  }
  return { args, width, height };
}
