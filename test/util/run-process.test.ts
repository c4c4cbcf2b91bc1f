// The one process runner: real child processes (node, sh), real signals, a real promo stand-in
// killed with SIGKILL.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProcessError } from '../../src/util/process-error.ts';
import { runProcess } from '../../src/util/run-process.ts';
import { isRunning } from '../helpers/is-running.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { spawnTracked } from '../helpers/spawn-tracked.ts';
import { waitFor } from '../helpers/wait-for.ts';

const node = process.execPath;
const fail = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected the run to fail'); }, (e: unknown) => e as ProcessError);

describe('runProcess', () => {
  it('returns stdout and the stderr tail of a run that succeeds', async () => {
    const result = await runProcess(node, ['-e', 'process.stdout.write("out"); console.error("one\\ntwo\\nthree")'], { tailLines: 2 });
    expect(result.stdout).toBe('out');
    expect(result.stderrTail).toEqual(['two', 'three']);
  });

  it('fails with one error carrying the exit code, the escaped command and the end of stderr', async () => {
    const script = 'console.error("it\'s broken"); process.exit(3)';
    const error = await fail(runProcess(node, ['-e', script, 'a b']));
    expect(error).toBeInstanceOf(ProcessError);
    expect(error).toMatchObject({ exitCode: 3, signal: undefined, timedOut: false, aborted: false, stderrTail: ["it's broken"] });
    expect(error.command).toBe(`${node} -e 'console.error("it'\\''s broken"); process.exit(3)' 'a b'`);
    expect(error.message).toBe(`${basename(node)} exited with code 3: it's broken`);
    expect(error.detail).toBe(`command: ${error.command}\nit's broken`);
  });

  it('keeps the cause when the binary cannot be started', async () => {
    const error = await fail(runProcess('/nonexistent/promo-binary', ['-version']));
    expect(error).toBeInstanceOf(ProcessError);
    // Through setpriv the exec fails inside the child (127); without it, spawn reports ENOENT.
    expect(error.exitCode === 127 || (error.cause as NodeJS.ErrnoException)?.code === 'ENOENT').toBe(true);
  });

  it('cancels with SIGTERM when the process heeds it', async () => {
    const controller = new AbortController();
    const run = runProcess(node, ['-e', 'console.error("ready"); setInterval(() => {}, 1000)'], {
      signal: controller.signal,
      onStderrLine: (line) => { if (line === 'ready') controller.abort(); },
    });
    const error = await fail(run);
    expect(error).toMatchObject({ aborted: true, timedOut: false, signal: 'SIGTERM' });
  });

  it('SIGKILLs after the grace a process that ignores SIGTERM (as a hung ffmpeg may)', async () => {
    const controller = new AbortController();
    const script = 'process.on("SIGTERM", () => console.error("ignored")); console.error("ready"); setInterval(() => {}, 1000)';
    const lines: string[] = [];
    const error = await fail(runProcess(node, ['-e', script], {
      signal: controller.signal,
      killGraceMs: 300,
      onStderrLine: (line) => { lines.push(line); if (line === 'ready') controller.abort(); },
    }));
    expect(error).toMatchObject({ aborted: true, signal: 'SIGKILL' });
    expect(lines).toContain('ignored');
  });

  it('refuses to start when already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const cancelled = await fail(runProcess(node, ['-e', 'setInterval(() => {}, 1000)'], { signal: controller.signal }));
    expect(cancelled).toMatchObject({ aborted: true });
  });

  it('SIGKILLs a run past its time limit and says it timed out', async () => {
    const error = await fail(runProcess(node, ['-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], { timeoutMs: 500 }));
    expect(error).toMatchObject({ timedOut: true, aborted: false, signal: 'SIGKILL' });
    expect(error.message).toMatch(/timed out and was killed with SIGKILL/);
  });

  it.each([['is killed with SIGKILL', 'wait'], ['exits', 'exit']])('leaves no child behind when promo %s', async (_how, mode) => {
    const dir = makeTempDir();
    const pidFile = join(dir, 'child.pid');
    const holder = spawnTracked(node, ['bin/run-ts.js', 'test/util/run-process-holder.ts', pidFile, mode], { stdio: 'inherit' });
    await waitFor(() => existsSync(pidFile), 'the holder to start its child');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(isRunning(pid)).toBe(true);
    holder.kill(mode === 'wait' ? 'SIGKILL' : 'SIGUSR2');
    await waitFor(() => !isRunning(pid), `the runner's child ${pid} to die with its parent`);
  });
});
