// `promo worker`: takes render jobs from the BullMQ queue until Ctrl-C / SIGTERM, then lets running
// jobs finish for --grace seconds before cancelling them (they go back to the queue). Logs one
// timestamped line per event to stderr.
import { runWorker } from '../watch/run-worker.ts';
import { interruptSignal, type CliIo } from './cli-io.ts';
import { loadCliConfig } from './cli-load.ts';
import { EXIT } from './exit-codes.ts';

/** Runs `promo worker`; returns the exit code. */
export async function workerCommand(io: CliIo, options: { config?: string; concurrency?: number; grace?: number }): Promise<number> {
  const config = await loadCliConfig(options.config);
  const interrupt = interruptSignal(io, { quiet: true });
  const log = (line: string) => io.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  try {
    await runWorker({ config, signal: interrupt.signal, log, concurrency: options.concurrency, graceSeconds: options.grace ?? 30 });
  } finally {
    interrupt.dispose();
  }
  return EXIT.ok;
}
