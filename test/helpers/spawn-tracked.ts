// Child processes started by tests (promo watch, promo daemon, servers) are killed, with
// everything they started, when the test that started them finishes, so a failed assertion
// never leaves one running.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { liveGroupMembers } from './live-group-members.ts';
import { afterThisTest } from './test-cleanup.ts';
import { waitFor } from './wait-for.ts';

/** `spawn`, in a process group of its own that is SIGKILLed, and waited for, after the current test. */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  // detached: the child leads a new process group, so its own children (ffmpeg) die with it.
  const child = spawn(command, args, { ...options, detached: true });
  const closed = new Promise<void>((resolve) => {
    if (child.pid === undefined) resolve();
    child.once('close', () => resolve());
    child.once('error', () => resolve());
  });
  afterThisTest(async () => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // ESRCH: the group is already gone.
    }
    await closed;
    // SIGKILL is delivered when each process next runs, so on busy cores a grandchild can outlive
    // its killed parent for a moment: wait until the whole group has exited.
    const pgid = child.pid;
    await waitFor(async () => (await liveGroupMembers(pgid)).length === 0, () => `process group ${pgid} to exit after SIGKILL`, 30_000);
  });
  return child;
}
