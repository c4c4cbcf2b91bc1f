// Where a take's picture decode can be split in two halves that run side by side: a keyframe near
// the middle (the second half starts decoding there, needing nothing before it), on the grid of
// analysed frames. Only packets around the middle are read (a few hundredths of a second).
import { inputWhitelist, VIDEO_FORMATS } from '../media/input-whitelists.ts';
import { runProcess } from '../util/run-process.ts';
import { ANALYSIS_FPS, ANALYSIS_SPLIT_MIN_SECONDS, ANALYSIS_SPLIT_SEARCH_SECONDS } from './analysis-constants.ts';

export interface SplitKeyframe {
  /** The keyframe's time, seconds. */
  seconds: number;
  /**
   * Where the second half's frames start in the series: the keyframe's time on the analysis grid
   * (as ffmpeg's fps filter rounds it), less the grid slot of the picture's first frame (the series starts there).
   */
  frame: number;
}

export interface FindSplitKeyframeOptions {
  ffprobe: string;
  file: string;
  duration: number;
  /** The container (probeMedia's formatName): only MP4/MOV seek to an exact keyframe. */
  formatName: string;
  signal?: AbortSignal;
}

// Two keyframes closer than this (seconds) could make the seek past the first land on the second.
const KEYFRAME_GAP = 0.5;

/** The keyframe to split the analysis decode of `file` at, or undefined for one decode. */
export async function findSplitKeyframe(options: FindSplitKeyframeOptions): Promise<SplitKeyframe | undefined> {
  const { duration } = options;
  // Other containers (MPEG-TS, Matroska) seek to a packet near the time, not always the keyframe.
  if (!/\b(mov|mp4)\b/.test(options.formatName) || duration < 2 * ANALYSIS_SPLIT_MIN_SECONDS) return undefined;
  const middle = duration / 2;
  const from = Math.max(0, middle - ANALYSIS_SPLIT_SEARCH_SECONDS);
  const { stdout } = await runProcess(options.ffprobe, [
    '-v', 'error', ...inputWhitelist(VIDEO_FORMATS), '-select_streams', 'v:0',
    '-read_intervals', `${from.toFixed(3)}%+${(2 * ANALYSIS_SPLIT_SEARCH_SECONDS).toFixed(3)}`,
    '-show_entries', 'format=start_time:stream=time_base,start_time:packet=pts,flags', '-of', 'csv=nk=0', options.file,
  ], { signal: options.signal, timeoutMs: 60_000 });
  let timeBase: [number, number] | undefined;
  let start = 0;
  let videoStart = 0;
  const keyframes: number[] = [];
  for (const line of stdout.split('\n')) {
    const [kind, ...pairs] = line.trim().split(',');
    const field = Object.fromEntries(pairs.map((pair) => pair.split('=') as [string, string]));
    const base = kind === 'stream' ? /^(\d+)\/(\d+)$/.exec(field.time_base ?? '') : null;
    if (base) timeBase = [Number(base[1]), Number(base[2])];
    // ffmpeg counts times from the file's start (its earliest stream's first timestamp).
    if (kind === 'format' && Number.isFinite(Number(field.start_time))) start = Number(field.start_time);
    if (kind === 'stream' && Number.isFinite(Number(field.start_time))) videoStart = Number(field.start_time);
    if (kind === 'packet' && field.flags?.startsWith('K') && /^-?\d+$/.test(field.pts ?? '')) keyframes.push(Number(field.pts));
  }
  if (!timeBase || timeBase[0] <= 0 || timeBase[1] <= 0) return undefined;
  const [num, den] = timeBase;
  const offset = Math.round((start * den) / num);
  // The picture's first frame (maybe later than the file's start) is the series' first.
  const firstSlot = Math.round((videoStart - start) * ANALYSIS_FPS);
  keyframes.sort((x, y) => x - y);
  let best: SplitKeyframe | undefined;
  for (let k = 0; k < keyframes.length; k++) {
    const pts = keyframes[k]! - offset;
    const seconds = (pts * num) / den;
    // The next keyframe must be far enough that the seek lands on this one (and the last one read
    // may have a close neighbour beyond what was read).
    const next = k + 1 < keyframes.length ? ((keyframes[k + 1]! - offset) * num) / den : from + 2 * ANALYSIS_SPLIT_SEARCH_SECONDS;
    if (next - seconds < KEYFRAME_GAP) continue;
    if (seconds < ANALYSIS_SPLIT_MIN_SECONDS || duration - seconds < ANALYSIS_SPLIT_MIN_SECONDS) continue;
    if (best && Math.abs(best.seconds - middle) <= Math.abs(seconds - middle)) continue;
    // Rounded to the nearest frame, halves away from zero, in integers (as av_rescale_q_rnd).
    const scaled = pts * num * ANALYSIS_FPS;
    const frame = Math.floor((2 * scaled + den) / (2 * den));
    best = { seconds, frame: frame - firstSlot };
  }
  return best;
}
