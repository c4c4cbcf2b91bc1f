// Analyses one footage file in one decode (of a long take, in two halves side by side): ffmpeg
// writes small grey frames and mono PCM to pipes, measured as they arrive (memory stays flat for
// long takes, and Node's work overlaps the decode) into the frame series and the loudness envelope.
// Cached by the file's content hash: a take is decoded once, however often it is suggested or rendered.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileHasher } from '../cache/file-hasher.ts';
import { probeMedia, type MediaInfo } from '../media/probe-media.ts';
import { markUsed } from '../util/mark-used.ts';
import { ProcessError } from '../util/process-error.ts';
import { PromoError } from '../util/promo-error.ts';
import { runProcess } from '../util/run-process.ts';
import { writeAtomic } from '../util/write-atomic.ts';
import { ANALYSIS_AUDIO_RATE, ANALYSIS_FPS, ANALYSIS_VERSION, AUDIO_WINDOW_SECONDS } from './analysis-constants.ts';
import type { FootageAnalysis } from './analysis-types.ts';
import { AudioMeter } from './audio-meter.ts';
import { findCuts } from './find-cuts.ts';
import { findSplitKeyframe, type SplitKeyframe } from './find-split-keyframe.ts';
import { FrameMeter } from './frame-meter.ts';
import { joinFrameMeters } from './join-frame-meters.ts';
import { placeCuts } from './place-cuts.ts';
import { pictureStart } from './picture-start.ts';
import { planAnalysisCommand } from './plan-analysis-command.ts';
import { readFrameLog } from './read-frame-log.ts';

export interface AnalyseFootageOptions {
  ffmpeg: string;
  ffprobe: string;
  file: string;
  /** Folder of the analysis cache (`<out>/.promo/analysis`); no caching when undefined. */
  cacheDir?: string;
  /** Shares content hashes with the caller (the render's hasher). */
  hasher?: FileHasher;
  /** The probe, when the caller has it already. */
  media?: MediaInfo;
  signal?: AbortSignal;
}

/** Analyses `file` (or returns its cached analysis); throws PromoError when it cannot be read. */
export async function analyseFootage(options: AnalyseFootageOptions): Promise<FootageAnalysis> {
  const sha = options.cacheDir ? await (options.hasher ?? new FileHasher()).hash(options.file) : undefined;
  const cacheFile = options.cacheDir && sha ? join(options.cacheDir, `${sha}.json`) : undefined;
  if (cacheFile) {
    const cached = await readCached(cacheFile);
    if (cached) {
      // Its reuse is its last use: the cache's pruning by age must not take a much-used analysis as old.
      await markUsed(cacheFile);
      return cached;
    }
  }
  const media = options.media ?? await probeMedia(options.file, { ffprobe: options.ffprobe, kind: 'video', signal: options.signal });
  const video = media.video!;
  const base = { input: options.file, displayWidth: video.displayWidth, displayHeight: video.displayHeight, hasAudio: media.audio !== undefined };
  const { width, height, audio: audioCommand } = planAnalysisCommand(base);
  // Each half's frames and the sound are measured as they arrive, while ffmpeg still decodes.
  const audioMeter = audioCommand ? new AudioMeter(ANALYSIS_AUDIO_RATE, AUDIO_WINDOW_SECONDS) : undefined;
  let halves: FrameMeter[] = [];
  let split: SplitKeyframe | undefined;
  // One failing run stops the others; the first failure is the one reported.
  const stop = new AbortController();
  let failure: unknown;
  const onAbort = () => stop.abort(options.signal?.reason);
  // The frame logs of the picture decodes (one per half), read once they end.
  const logDir = await mkdtemp(join(tmpdir(), 'promo-analysis-'));
  const frameLogs = [join(logDir, 'first.log'), join(logDir, 'second.log')];
  let logs: string[] = [];
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const run = (args: string[], onStdout: (chunk: Buffer) => void) =>
    // No time limit of its own beyond a generous one: a long take takes long to decode.
    runProcess(options.ffmpeg, args, { signal: stop.signal, onStdout, timeoutMs: 30 * 60_000, tailLines: 20 }).catch((error: unknown) => {
      failure ??= error;
      stop.abort(error);
      throw error;
    });
  try {
    // The sound needs no split point: it is decoded while the keyframes are read.
    const sound = audioCommand && audioMeter ? run(audioCommand, (chunk) => audioMeter.push(chunk)) : Promise.resolve();
    sound.catch(() => undefined);
    // Keyframes that cannot be read only cost the split: one decode then.
    split = await findSplitKeyframe({ ffprobe: options.ffprobe, file: options.file, duration: media.duration, formatName: media.formatName, signal: stop.signal })
      .catch((error: unknown) => {
        if (stop.signal.aborted) throw error;
        return undefined;
      });
    const command = planAnalysisCommand({ ...base, splitAt: split?.seconds, frameLogs });
    halves = command.video.map((_, i) => new FrameMeter(width, height, ANALYSIS_FPS, i === 0 && split ? split.frame : Infinity));
    await Promise.all([...command.video.map((args, i) => run(args, (chunk) => halves[i]!.write(chunk))), sound]);
    // A log that could not be read only leaves the cuts between analysed frames.
    logs = await Promise.all(frameLogs.slice(0, command.video.length).map((file) => readFile(file, 'utf8').catch(() => '')));
  } catch (error) {
    if (options.signal?.aborted) throw new PromoError('INTERRUPTED', `analysing ${options.file} was interrupted`, { cause: error });
    const cause = failure ?? error;
    const tail = cause instanceof ProcessError ? cause.stderrTail.slice(-3).join(' / ') : String(cause);
    throw new PromoError('FOOTAGE_UNREADABLE', `${options.file} could not be decoded for analysis: ${tail}`, {
      hint: 'check it plays in a video player; re-export it as MP4 (H.264)',
      cause,
    });
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await rm(logDir, { recursive: true, force: true });
  }
  const frames = split && halves.length === 2
    ? joinFrameMeters(halves[0]!, halves[1]!, split.frame, width, height, ANALYSIS_FPS)
    : { series: halves[0]!.series, columns: halves[0]!.columns };
  if (frames.series.time.length === 0) {
    throw new PromoError('FOOTAGE_UNREADABLE', `${options.file} gave no picture to analyse`, { hint: 'check it plays in a video player; re-export it' });
  }
  const logged = logs.map(readFrameLog);
  // The series' times are the render's (the file's timeline, which the sound and -ss follow): a
  // picture that starts after the sound starts its analysed frames that much later.
  const start = pictureStart(logged, ANALYSIS_FPS);
  frames.series.time = frames.series.time.map((_, i) => start + i / ANALYSIS_FPS);
  const analysis: FootageAnalysis = {
    version: ANALYSIS_VERSION,
    duration: media.duration,
    fps: ANALYSIS_FPS,
    width,
    height,
    frames: frames.series,
    audio: audioMeter?.finish(),
    columns: frames.columns,
  };
  // Rounded before use too, so a first run and a cached one select exactly the same clips; the
  // cuts are those clip selection finds in the rounded series.
  const stored = roundSeries(analysis);
  stored.cuts = placeCuts(findCuts(stored.frames, ANALYSIS_FPS), ANALYSIS_FPS, logged, 1 / video.fps)
    .map((cut) => ({ frame: cut.frame, start: roundMicro(cut.start), end: roundMicro(cut.end) }));
  if (cacheFile) await writeAtomic(cacheFile, JSON.stringify(stored));
  return stored;
}

async function readCached(file: string): Promise<FootageAnalysis | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as FootageAnalysis;
    return parsed.version === ANALYSIS_VERSION && Array.isArray(parsed.frames?.time) && Array.isArray(parsed.columns) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const roundMicro = (value: number) => Math.round(value * 1e6) / 1e6;

// Four decimals are far finer than any threshold and keep the cache file small.
function roundSeries(analysis: FootageAnalysis): FootageAnalysis {
  // `|| 0`: no -0, which JSON would write as 0.
  const round = (values: number[]) => values.map((v) => Math.round(v * 1e4) / 1e4 || 0);
  const frames = Object.fromEntries(Object.entries(analysis.frames).map(([key, values]) => [key, round(values as number[])])) as unknown as FootageAnalysis['frames'];
  return { ...analysis, frames, audio: analysis.audio && { window: analysis.audio.window, db: round(analysis.audio.db) } };
}
