// The crash half of the contract's crashWhileRunning, whatever the backend: starts a worker
// script (hang-on-next-*.ts) in its own process, waits until it says it is running a job, and
// SIGKILLs it. Resolves with the job id it printed, once the process is gone.
import { join } from 'node:path';
import { REPO } from '../helpers/spec-dir.ts';
import { spawnTracked } from '../helpers/spawn-tracked.ts';
import { waitFor } from '../helpers/wait-for.ts';

/** Runs `test/queue/<script>` with `args` and kills it mid-job; returns the id of the job it held. */
export async function killWorkerMidJob(script: string, args: string[]): Promise<string> {
  const child = spawnTracked(process.execPath, [join(REPO, 'bin', 'run-ts.js'), join(REPO, 'test', 'queue', script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  const closed = new Promise((resolve) => child.once('close', resolve));
  await waitFor(() => /running \S+\n/.test(out), () => `the worker process to take the job (stderr: ${err})`);
  child.kill('SIGKILL');
  await closed;
  return /running (\S+)\n/.exec(out)![1]!;
}
