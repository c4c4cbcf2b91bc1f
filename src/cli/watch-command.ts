// `promo watch`: runs the watched inboxes until Ctrl-C / SIGTERM (or, with --once, until every
// file present has been handled). Logs one timestamped line per event to stderr.
import { runWatch } from '../watch/run-watch.ts';
import { interruptSignal, type CliIo } from './cli-io.ts';
import { loadCliConfig } from './cli-load.ts';
import { EXIT } from './exit-codes.ts';

/** Runs `promo watch`; returns the exit code. */
export async function watchCommand(io: CliIo, options: { config?: string; once?: boolean }): Promise<number> {
  const config = await loadCliConfig(options.config);
  const interrupt = interruptSignal(io, { quiet: true });
  const log = (line: string) => io.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  try {
    await runWatch({ config, signal: interrupt.signal, log, once: options.once });
  } finally {
    interrupt.dispose();
  }
  return EXIT.ok;
}
