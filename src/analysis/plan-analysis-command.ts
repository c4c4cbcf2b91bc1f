// The ffmpeg commands of a footage analysis, each writing raw bytes to stdout for Node to measure
// as they arrive: the picture (its luma only) thinned to ANALYSIS_FPS and scaled to a small grey
// frame — in one decode, or in two halves split at a keyframe that run side by side — and the
// sound mixed to mono 16-bit PCM at ANALYSIS_AUDIO_RATE (a pass of its own: a fiftieth of the cost).
// Each picture decode can also log every frame it decodes (time and scene score) to a file, from
// which cuts are placed on their exact frames.
import { inputWhitelist, VIDEO_FORMATS } from '../media/input-whitelists.ts';
import { expr, stringifyFiltergraph } from '../plan/filtergraph.ts';
import { ANALYSIS_AUDIO_RATE, ANALYSIS_FPS, ANALYSIS_HALF_THREADS, ANALYSIS_LONG_SIDE, FRAME_LOG_HEIGHT, FRAME_LOG_WIDTH } from './analysis-constants.ts';

export interface AnalysisCommandOptions {
  input: string;
  /** Display size of the footage (rotation applied), to keep its aspect. */
  displayWidth: number;
  displayHeight: number;
  hasAudio: boolean;
  /** Seconds (from the take's start) of a keyframe to split the picture's decode at. */
  splitAt?: number;
  /**
   * Per picture command, a file its every decoded frame's time and change (ffmpeg's scene score)
   * is written to, for placing cuts at their exact frame (read by readFrameLog).
   */
  frameLogs?: string[];
}

export interface AnalysisCommand {
  /** The picture: one command, or the halves before and from `splitAt`, in order. */
  video: string[][];
  audio?: string[];
  width: number;
  height: number;
}

// Past the split, the first half reads this much more (seconds), so that every frame shown before
// the split is decoded (B-frames arrive after the frame they precede); the extra frames are dropped.
const FIRST_HALF_OVERRUN = 0.5;
// ffmpeg seeks 3/23 s before an -ss when the video has B-frames (its dts heuristic), plus a margin:
// seeking this far past the keyframe lands exactly on it.
const SEEK_PAST_KEYFRAME = 3 / 23 + 0.02;
// The keyframe's time is printed to the microsecond: the trim before it starts this much earlier.
const KEYFRAME_SLACK = 0.0001;

// The size of the analysed grey frames: the longer side ANALYSIS_LONG_SIDE, both even.
function analysisSize(displayWidth: number, displayHeight: number): { width: number; height: number } {
  const even = (value: number) => Math.max(2, 2 * Math.round(value / 2));
  if (displayWidth >= displayHeight) return { width: ANALYSIS_LONG_SIDE, height: even((ANALYSIS_LONG_SIDE * displayHeight) / displayWidth) };
  return { width: even((ANALYSIS_LONG_SIDE * displayWidth) / displayHeight), height: ANALYSIS_LONG_SIDE };
}

const seconds = (value: number) => value.toFixed(6);

/** Builds the ffmpeg arguments of the analysis decode. */
export function planAnalysisCommand(options: AnalysisCommandOptions): AnalysisCommand {
  const { width, height } = analysisSize(options.displayWidth, options.displayHeight);
  const graph = (from?: number, log?: string) => stringifyFiltergraph([...(log === undefined ? [] : [{
    // Every decoded frame (not only the analysed ones) also goes, tiny, to ffmpeg's scene score,
    // logged with its time: a cut found between two analysed frames is then placed on its own
    // frame from this log, at no second decode. fast_bilinear reads a few source pixels per
    // output pixel (area would read them all, for every frame); enough to tell two scenes apart.
    inputs: ['0:v:0'],
    filters: [
      ...(from === undefined ? [] : [{ name: 'trim', args: { start: seconds(from - KEYFRAME_SLACK) } }]),
      { name: 'split', args: [2] },
    ],
    outputs: ['all', 'log'],
  }, {
    inputs: ['log'],
    filters: [
      { name: 'scale', args: { w: FRAME_LOG_WIDTH, h: FRAME_LOG_HEIGHT, flags: 'fast_bilinear' } },
      { name: 'format', args: ['gray'] },
      // Microseconds: the log's pts are then exact times, whatever the stream's time base.
      { name: 'settb', args: ['AVTB'] },
      { name: 'select', args: [expr('gte(scene,0)')] },
      { name: 'metadata', args: { mode: 'print', key: 'lavfi.scene_score', file: log } },
      { name: 'nullsink' },
    ],
    outputs: [],
  }]), {
    inputs: [log === undefined ? '0:v:0' : 'all'],
    // fps first: only the frames analysed are scaled. `area` averages the pixels it drops, so the
    // small frame keeps the big one's mean light; sharpness is still measurable at this size.
    filters: [
      // A second half starts at its keyframe: pictures shown before it but decoded after it (the
      // leading pictures of an open GOP) belong to the first half.
      ...(from === undefined || log !== undefined ? [] : [{ name: 'trim', args: { start: seconds(from - KEYFRAME_SLACK) } }]),
      // eof_action=pass: the last frame is analysed too when it has no duration (a VFR take's),
      // else the fps filter ends its output at the last frame's own time and the take loses its tail.
      { name: 'fps', args: { fps: ANALYSIS_FPS, eof_action: 'pass' } },
      { name: 'scale', args: { w: width, h: height, flags: 'area' } },
      { name: 'format', args: ['gray'] },
    ],
    outputs: ['v'],
  }]);
  const head = ['-hide_banner', '-nostdin', '-nostats', '-v', 'error'];
  const picture = (threads: string[], range: string[], from: number | undefined, log: string | undefined) => [
    ...head, ...threads,
    // Only luma is decoded (the chroma's prediction and IDCT are skipped: about 6 % of the
    // decoder's CPU). The analysis reads luma only, and luma never depends on chroma, so the grey
    // frames are byte for byte the same; a build without --enable-gray (the system's) ignores it.
    '-flags', 'gray',
    // Frames nothing else refers to (most B-frames) are not decoded: a third less decoding, and
    // the fps filter still finds a frame within a frame or two of every analysed instant.
    '-skip_frame', 'noref',
    // Nor is the deblocking filter run (about a fifth of the decoder's work): its blocks are
    // 8–16 px, a pixel or less at the analysed size.
    '-skip_loop_filter', 'all',
    ...range, ...inputWhitelist(VIDEO_FORMATS), '-i', options.input,
    '-filter_complex', graph(from, log),
    // passthrough: a half that starts later is not padded from 0 s with copies of its first frame.
    '-map', '[v]', '-vsync', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1',
  ];
  let video: string[][];
  if (options.splitAt === undefined) {
    video = [picture([], [], undefined, options.frameLogs?.[0])];
  } else {
    // ANALYSIS_HALF_THREADS decoder threads each: the two halves already keep two cores busy, and
    // frame threads cost about a tenth more CPU (their hand-offs and the frames each holds).
    const seek = seconds(options.splitAt + SEEK_PAST_KEYFRAME);
    video = [
      picture(['-threads', String(ANALYSIS_HALF_THREADS)], ['-t', seconds(options.splitAt + FIRST_HALF_OVERRUN)], undefined, options.frameLogs?.[0]),
      // -itsoffset as far as -ss keeps the second half's times those of the whole take, so its
      // analysed frames fall on the same 1/ANALYSIS_FPS grid; -noaccurate_seek keeps the keyframe
      // (ffmpeg would drop the frames before the -ss, which lies past it).
      picture(['-threads', String(ANALYSIS_HALF_THREADS)], ['-noaccurate_seek', '-itsoffset', seek, '-ss', seek], options.splitAt, options.frameLogs?.[1]),
    ];
  }
  // first_pts=0: the sound is read from the render's 0 s, padded with silence where it starts
  // after the picture (a phone's audio start_time later than its video's), as the picture's first
  // frame is placed at its own time; raw PCM keeps no timestamps, so without it every pause and
  // silence would come out early by the sound's late start.
  const sound = stringifyFiltergraph([{ inputs: [], filters: [{ name: 'aresample', args: { osr: ANALYSIS_AUDIO_RATE, first_pts: 0 } }], outputs: [] }]);
  const audio = options.hasAudio
    ? [...head, ...inputWhitelist(VIDEO_FORMATS), '-i', options.input, '-map', '0:a:0', '-vn', '-af', sound, '-ac', '1', '-ar', String(ANALYSIS_AUDIO_RATE), '-c:a', 'pcm_s16le', '-f', 's16le', 'pipe:1']
    : undefined;
  return { video, audio, width, height };
}
