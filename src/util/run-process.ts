// The one place promo starts a child process (ffmpeg, ffprobe): an argument array, never a
// shell; cancellation through an AbortSignal (SIGTERM, then SIGKILL after a grace, since SIGTERM
// does not always stop a hung ffmpeg: FACTS.md); a time limit; the end of stderr kept; one error
// type (ProcessError). Children never outlive promo: they are SIGKILLed when promo exits, and on
// Linux the kernel kills them even when promo itself is killed with SIGKILL (setpriv --pdeathsig).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { ProcessError } from './process-error.ts';
import { shellCommand } from './shell-command.ts';

export interface RunProcessOptions {
  /** Cancels the run: SIGTERM, then SIGKILL when the process has not ended after `killGraceMs`. */
  signal?: AbortSignal;
  /** Fires when the caller finds the process hung (e.g. its progress stopped): SIGKILL at once. */
  hung?: AbortSignal;
  /** Hard limit for the whole run; the process is SIGKILLed when it passes (it is presumed hung). */
  timeoutMs?: number;
  /** Time between SIGTERM and SIGKILL on cancellation (default 2 s). */
  killGraceMs?: number;
  /** How many stderr lines to keep (default 30). */
  tailLines?: number;
  /** Each stderr line as it arrives; return false to leave it out of the kept tail. */
  onStderrLine?: (line: string) => boolean | void;
  /** Collect stdout (default true); the run fails when it passes `maxStdoutBytes` (default 64 MiB). */
  collectStdout?: boolean;
  maxStdoutBytes?: number;
  /** Each stdout chunk as it arrives, instead of collecting it (for output too large to hold: raw frames). */
  onStdout?: (chunk: Buffer) => void;
}

export interface RunProcessResult {
  stdout: string;
  /** The last lines the process wrote to stderr (its warnings, when it succeeded). */
  stderrTail: string[];
  elapsedMs: number;
}

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => process.platform === 'linux' && existsSync(path));
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Runs `binary` with `args` to completion; rejects with ProcessError unless it exits with code 0. */
export function runProcess(binary: string, args: readonly string[], options: RunProcessOptions = {}): Promise<RunProcessResult> {
  const command = shellCommand(binary, args);
  const started = Date.now();
  const tail: string[] = [];
  const keep = options.tailLines ?? 30;
  const onStdout = options.onStdout;
  const collect = onStdout !== undefined || (options.collectStdout ?? true);
  const maxStdout = options.maxStdoutBytes ?? 64 << 20;
  installExitHook();

  return new Promise((resolve, reject) => {
    let stoppedFor: 'timeout' | 'abort' | 'hung' | 'stdout' | undefined;
    const fail = (fields: { exitCode?: number; signal?: NodeJS.Signals; cause?: unknown }) =>
      new ProcessError({ program: basename(binary), command, timedOut: stoppedFor === 'timeout', aborted: stoppedFor === 'abort', stderrTail: tail.slice(), ...fields });
    if (options.signal?.aborted) {
      stoppedFor = 'abort';
      return reject(fail({ cause: options.signal.reason }));
    }

    // With setpriv the kernel SIGKILLs the child the moment promo dies, even by kill -9. The
    // pid is the binary's own: setpriv execs it.
    const child = SETPRIV
      ? spawn(SETPRIV, ['--pdeathsig', 'KILL', '--', binary, ...args], { stdio: ['ignore', collect ? 'pipe' : 'ignore', 'pipe'] })
      : spawn(binary, [...args], { stdio: ['ignore', collect ? 'pipe' : 'ignore', 'pipe'] });
    running.add(child);

    let graceTimer: NodeJS.Timeout | undefined;
    const stop = (reason: NonNullable<typeof stoppedFor>) => {
      if (stoppedFor) {
        // A hang found during the grace of a cancellation: no need to wait any longer.
        if (reason !== 'abort') child.kill('SIGKILL');
        return;
      }
      stoppedFor = reason;
      if (reason !== 'abort') return void child.kill('SIGKILL');
      child.kill('SIGTERM');
      graceTimer = setTimeout(() => child.kill('SIGKILL'), options.killGraceMs ?? 2000);
    };
    const timer = options.timeoutMs !== undefined ? setTimeout(() => stop('timeout'), options.timeoutMs) : undefined;
    const onAbort = () => stop('abort');
    const onHung = () => stop('hung');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    options.hung?.addEventListener('abort', onHung, { once: true });
    if (options.hung?.aborted) onHung();

    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    child.stdout?.on('data', (chunk: Buffer) => {
      if (onStdout) return onStdout(chunk);
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdout) return stop('stdout');
      chunks.push(chunk);
    });
    let partial = '';
    const line = (text: string) => {
      if (options.onStderrLine?.(text) === false || text.trim() === '') return;
      tail.push(text);
      if (tail.length > keep) tail.shift();
    };
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      const lines = (partial + text).split(/\r?\n|\r/);
      partial = lines.pop()!;
      lines.forEach(line);
    });

    let settled = false;
    const finish = (error: ProcessError | undefined) => {
      if (settled) return;
      settled = true;
      running.delete(child);
      if (timer) clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
      options.signal?.removeEventListener('abort', onAbort);
      options.hung?.removeEventListener('abort', onHung);
      if (error) reject(error);
      else resolve({ stdout: Buffer.concat(chunks).toString('utf8'), stderrTail: tail.slice(), elapsedMs: Date.now() - started });
    };
    child.once('error', (cause) => finish(fail({ cause })));
    // 'close' (not 'exit'): stderr has been read to its end by then.
    child.once('close', (code, signal) => {
      if (partial) line(partial);
      if (stoppedFor === 'hung') stoppedFor = 'timeout';
      if (stoppedFor === 'stdout') {
        return finish(fail({ signal: signal ?? undefined, cause: new Error(`more than ${maxStdout} bytes on stdout`) }));
      }
      if (code === 0 && !stoppedFor) return finish(undefined);
      finish(fail({ exitCode: code ?? undefined, signal: signal ?? undefined }));
    });
  });
}

// An ordinary exit (including process.exit after a second Ctrl-C) kills what still runs; the
// 'exit' event allows only synchronous work, which kill is.
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}
