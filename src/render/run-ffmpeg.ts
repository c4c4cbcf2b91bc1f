// The one module that executes ffmpeg. It receives a command already built as data (argument
// arrays and a graph string promo escaped itself) and runs it through fluent-ffmpeg, whose own
// option and filter builders are never used, so the library could be swapped out here alone.
import ffmpegFactory from 'fluent-ffmpeg';
import { PromoError } from '../util/promo-error.ts';
import { commandToShell, type FfmpegCommand } from './ffmpeg-command.ts';
import { guardedBinary } from './guarded-binary.ts';

export interface RunFfmpegOptions {
  ffmpeg: string;
  /** Hard limit for the whole run; the process is SIGKILLed when it passes. */
  timeoutMs: number;
  /** Kill when the progress clock has not moved for this long (a hung decoder or filter). */
  stallMs?: number;
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

const TAIL_LINES = 30;

/** Runs an ffmpeg command to completion, killing it on timeout, stall or abort. */
export async function runFfmpeg(command: FfmpegCommand, options: RunFfmpegOptions): Promise<RunFfmpegResult> {
  return runGuarded(command, options, await guardedBinary(options.ffmpeg));
}

function runGuarded(command: FfmpegCommand, options: RunFfmpegOptions, binary: string): Promise<RunFfmpegResult> {
  const started = Date.now();
  const tail: string[] = [];
  // ffmpeg writes `-progress pipe:2` key=value blocks to stderr between its log lines.
  const runner = ffmpegFactory({ stdoutLines: 0 });
  runner.setFfmpegPath(binary);
  const [first, ...rest] = command.inputs;
  const globalArgs = [...command.global, '-progress', 'pipe:2', '-nostats'];
  if (first) {
    runner.input(first.source);
    runner.inputOptions(...globalArgs, ...first.options);
  }
  for (const input of rest) {
    runner.input(input.source);
    // Options go in as separate arguments: fluent-ffmpeg only splits a lone "-opt value" string.
    if (input.options.length > 0) runner.inputOptions(...input.options);
  }
  if (command.graph !== undefined) runner.complexFilter(command.graph, []);
  for (const output of command.outputs) {
    runner.output(output.target);
    runner.outputOptions(...output.options);
  }
  const shell = commandToShell(options.ffmpeg, { ...command, global: globalArgs });

  return new Promise((resolve, reject) => {
    let settled = false;
    let lastProgressAt = Date.now();
    let lastSeconds = -1;
    let lastFrame = -1;
    let killedFor: 'timeout' | 'stall' | 'abort' | undefined;
    const kill = (reason: 'timeout' | 'stall' | 'abort') => {
      if (killedFor) return;
      killedFor = reason;
      // SIGTERM does not always stop a hung ffmpeg; SIGKILL does (FACTS.md).
      runner.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill('timeout'), options.timeoutMs);
    const stallTimer = options.stallMs
      ? setInterval(() => {
          if (Date.now() - lastProgressAt > options.stallMs!) kill('stall');
        }, Math.min(1000, options.stallMs))
      : undefined;
    const onAbort = () => kill('abort');
    if (options.signal?.aborted) queueMicrotask(onAbort);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (stallTimer) clearInterval(stallTimer);
      options.signal?.removeEventListener('abort', onAbort);
      if (!error) return resolve({ stderrTail: tail.slice(), elapsedMs: Date.now() - started });
      reject(describeFailure(error, killedFor, tail, shell, options.timeoutMs, options.stallMs));
    };
    runner.on('stderr', (line: string) => {
      const match = /^out_time_(?:ms|us)=(\d+)/.exec(line);
      if (match) {
        const seconds = Number(match[1]) / 1e6;
        if (seconds > lastSeconds) {
          lastSeconds = seconds;
          lastProgressAt = Date.now();
          options.onProgress?.(seconds);
        }
        return;
      }
      const frame = /^frame=(\d+)/.exec(line);
      if (frame) {
        // Frames moving on (e.g. a still's loop before audio starts) also count as progress.
        const count = Number(frame[1]);
        if (count > lastFrame) {
          lastFrame = count;
          lastProgressAt = Date.now();
        }
        return;
      }
      if (/^[a-z0-9_]+=/.test(line) || line.trim() === '') return;
      tail.push(line);
      if (tail.length > (options.tailLines ?? TAIL_LINES)) tail.shift();
      options.onLog?.(line);
    });
    runner.on('error', (error: Error) => finish(error));
    runner.on('end', () => finish());
    runner.run();
  });
}

function describeFailure(
  error: Error,
  killedFor: 'timeout' | 'stall' | 'abort' | undefined,
  tail: string[],
  shell: string,
  timeoutMs: number,
  stallMs: number | undefined,
): PromoError {
  const detail = `command: ${shell}\n${tail.join('\n')}`;
  if (killedFor === 'abort') {
    return new PromoError('INTERRUPTED', 'render interrupted', { detail, cause: error });
  }
  if (killedFor === 'timeout' || killedFor === 'stall') {
    const why = killedFor === 'timeout'
      ? `took longer than its limit of ${Math.round(timeoutMs / 1000)} s`
      : `made no progress for ${Math.round((stallMs ?? 0) / 1000)} s`;
    return new PromoError('RENDER_TIMEOUT', `ffmpeg ${why} and was killed`, {
      hint: 'check the footage plays in a video player; raise render.timeoutScale in config.yaml for very long jobs',
      detail,
      cause: error,
    });
  }
  const last = tail.filter((line) => !/^\s*$/.test(line)).slice(-3).join(' | ');
  return new PromoError('RENDER_FAILED', `ffmpeg failed: ${last || error.message}`, { detail, cause: error });
}
