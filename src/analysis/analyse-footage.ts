// Analyses one footage file in one decode: ffmpeg writes small grey frames and mono PCM to two
// temporary files, which are then read in pieces (memory stays flat for long takes) into the
// frame series and the loudness envelope. Cached by the file's content hash: a take is decoded
// once, however often it is suggested or rendered.
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileHasher } from '../cache/file-hasher.ts';
import { probeMedia, type MediaInfo } from '../media/probe-media.ts';
import { ProcessError } from '../util/process-error.ts';
import { PromoError } from '../util/promo-error.ts';
import { runProcess } from '../util/run-process.ts';
import { tempPathFor } from '../util/temp-path.ts';
import { writeAtomic } from '../util/write-atomic.ts';
import { ANALYSIS_AUDIO_RATE, ANALYSIS_FPS, ANALYSIS_VERSION, AUDIO_WINDOW_SECONDS } from './analysis-constants.ts';
import type { FootageAnalysis } from './analysis-types.ts';
import { AudioMeter } from './audio-meter.ts';
import { FrameMeter } from './frame-meter.ts';
import { planAnalysisCommand } from './plan-analysis-command.ts';

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
    if (cached) return cached;
  }
  const media = options.media ?? await probeMedia(options.file, { ffprobe: options.ffprobe, kind: 'video', signal: options.signal });
  const video = media.video!;
  const work = tempPathFor(join(options.cacheDir ?? tmpdir(), 'analysis'));
  await mkdir(work, { recursive: true });
  try {
    const command = planAnalysisCommand({
      input: options.file,
      displayWidth: video.displayWidth,
      displayHeight: video.displayHeight,
      hasAudio: media.audio !== undefined,
      videoOut: join(work, 'frames.gray'),
      audioOut: join(work, 'audio.pcm'),
    });
    try {
      // No time limit of its own beyond a generous one: a long take takes long to decode.
      await runProcess(options.ffmpeg, command.args, { signal: options.signal, collectStdout: false, timeoutMs: 30 * 60_000, tailLines: 20 });
    } catch (error) {
      if (error instanceof ProcessError && error.aborted) throw new PromoError('INTERRUPTED', `analysing ${options.file} was interrupted`, { cause: error });
      const tail = error instanceof ProcessError ? error.stderrTail.slice(-3).join(' / ') : String(error);
      throw new PromoError('FOOTAGE_UNREADABLE', `${options.file} could not be decoded for analysis: ${tail}`, {
        hint: 'check it plays in a video player; re-export it as MP4 (H.264)',
        cause: error,
      });
    }
    const meter = new FrameMeter(command.width, command.height, ANALYSIS_FPS);
    const frameBytes = command.width * command.height;
    let pending: Buffer = Buffer.alloc(0);
    for await (const chunk of createReadStream(join(work, 'frames.gray'), { highWaterMark: frameBytes * 32 })) {
      pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
      let offset = 0;
      for (; offset + frameBytes <= pending.length; offset += frameBytes) meter.push(pending.subarray(offset, offset + frameBytes));
      pending = pending.subarray(offset);
    }
    if (meter.series.time.length === 0) {
      throw new PromoError('FOOTAGE_UNREADABLE', `${options.file} gave no picture to analyse`, { hint: 'check it plays in a video player; re-export it' });
    }
    let audio: FootageAnalysis['audio'];
    if (media.audio) {
      const audioMeter = new AudioMeter(ANALYSIS_AUDIO_RATE, AUDIO_WINDOW_SECONDS);
      for await (const chunk of createReadStream(join(work, 'audio.pcm'))) audioMeter.push(chunk as Buffer);
      audio = audioMeter.finish();
    }
    const analysis: FootageAnalysis = {
      version: ANALYSIS_VERSION,
      duration: media.duration,
      fps: ANALYSIS_FPS,
      width: command.width,
      height: command.height,
      frames: meter.series,
      audio,
      columns: meter.columns,
    };
    // Rounded before use too, so a first run and a cached one select exactly the same clips.
    const stored = roundSeries(analysis);
    if (cacheFile) await writeAtomic(cacheFile, JSON.stringify(stored));
    return stored;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function readCached(file: string): Promise<FootageAnalysis | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as FootageAnalysis;
    return parsed.version === ANALYSIS_VERSION && Array.isArray(parsed.frames?.time) && Array.isArray(parsed.columns) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

// Four decimals are far finer than any threshold and keep the cache file small.
function roundSeries(analysis: FootageAnalysis): FootageAnalysis {
  // `|| 0`: no -0, which JSON would write as 0.
  const round = (values: number[]) => values.map((v) => Math.round(v * 1e4) / 1e4 || 0);
  const frames = Object.fromEntries(Object.entries(analysis.frames).map(([key, values]) => [key, round(values as number[])])) as unknown as FootageAnalysis['frames'];
  return { ...analysis, frames, audio: analysis.audio && { window: analysis.audio.window, db: round(analysis.audio.db) } };
}
