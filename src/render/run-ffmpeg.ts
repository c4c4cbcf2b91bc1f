// Runs a planned ffmpeg command through the one process runner (util/run-process.ts): the
// argument array is ffmpegRunArgs(command), the same one --dry-run prints. Here: reading
// ffmpeg's progress, killing a run whose progress stalls, and turning failures into PromoErrors.
import type { FfmpegCommand } from '../plan/ffmpeg-command.ts';
import { ProcessError } from '../util/process-error.ts';
import { PromoError } from '../util/promo-error.ts';
import { runProcess } from '../util/run-process.ts';
import { ffmpegRunArgs } from './ffmpeg-run-args.ts';

export interface RunFfmpegOptions {
  ffmpeg: string;
  /** Hard limit for the whole run; the process is SIGKILLed when it passes. */
  timeoutMs: number;
  /** Kill when the progress clock has not moved for this long (a hung decoder or filter). */
  stallMs?: number;
  /** Cancels the run (SIGTERM, then SIGKILL after a grace). */
  signal?: AbortSignal;
  /** Seconds of output written so far, as ffmpeg reports them. */
  onProgress?: (seconds: number) => void;
  /** Called with each stderr line that is not progress output. */
  onLog?: (line: string) => void;
  /** How many stderr lines to keep (default 30). */
  tailLines?: number;
}

export interface RunFfmpegResult {
  /** The last lines ffmpeg wrote to stderr (warnings, when it succeeded). */
  stderrTail: string[];
  elapsedMs: number;
}

/** Runs an ffmpeg command to completion, killing it on timeout, stall or abort. */
export async function runFfmpeg(command: FfmpegCommand, options: RunFfmpegOptions): Promise<RunFfmpegResult> {
  const hung = new AbortController();
  let lastProgressAt = Date.now();
  let lastSeconds = -1;
  let lastFrame = -1;
  const stallTimer = options.stallMs
    ? setInterval(() => {
        if (Date.now() - lastProgressAt > options.stallMs!) hung.abort();
      }, Math.min(1000, options.stallMs))
    : undefined;
  const onStderrLine = (line: string): boolean => {
    const match = /^out_time_(?:ms|us)=(\d+)/.exec(line);
    if (match) {
      const seconds = Number(match[1]) / 1e6;
      if (seconds > lastSeconds) {
        lastSeconds = seconds;
        lastProgressAt = Date.now();
        options.onProgress?.(seconds);
      }
      return false;
    }
    const frame = /^frame=(\d+)/.exec(line);
    if (frame) {
      // Frames moving on (e.g. a still's loop before audio starts) also count as progress.
      const count = Number(frame[1]);
      if (count > lastFrame) {
        lastFrame = count;
        lastProgressAt = Date.now();
      }
      return false;
    }
    if (/^[a-z0-9_]+=/.test(line) || line.trim() === '') return false;
    options.onLog?.(line);
    return true;
  };
  try {
    const result = await runProcess(options.ffmpeg, ffmpegRunArgs(command), {
      signal: options.signal,
      hung: hung.signal,
      timeoutMs: options.timeoutMs,
      tailLines: options.tailLines,
      collectStdout: false,
      onStderrLine,
    });
    return { stderrTail: result.stderrTail, elapsedMs: result.elapsedMs };
  } catch (error) {
    throw error instanceof ProcessError ? describeFailure(error, hung.signal.aborted, options) : error;
  } finally {
    if (stallTimer) clearInterval(stallTimer);
  }
}

function describeFailure(error: ProcessError, stalled: boolean, options: RunFfmpegOptions): PromoError {
  const { detail } = error;
  if (error.aborted) return new PromoError('INTERRUPTED', 'render interrupted', { detail, cause: error });
  if (error.timedOut) {
    const why = stalled
      ? `made no progress for ${Math.round((options.stallMs ?? 0) / 1000)} s`
      : `took longer than its limit of ${Math.round(options.timeoutMs / 1000)} s`;
    return new PromoError('RENDER_TIMEOUT', `ffmpeg ${why} and was killed`, {
      hint: 'check the footage plays in a video player; raise render.timeoutScale in config.yaml for very long jobs',
      detail,
      cause: error,
    });
  }
  const last = error.stderrTail.slice(-3).join(' | ');
  return new PromoError('RENDER_FAILED', `ffmpeg failed: ${last || error.message}`, { detail, cause: error });
}
