// `promo status [--json] [--now iso]`: one screen of what needs looking at; reads only.
import { StateReader } from '../read/state-reader.ts';
import type { CliIo } from './cli-io.ts';
import { loadCliConfig } from './cli-load.ts';
import { EXIT } from './exit-codes.ts';
import { formatStatus } from './format-status.ts';
import { parseNow } from './parse-now.ts';

/** Prints the status as text or JSON; returns the exit code. */
export async function statusCommand(io: CliIo, options: { config?: string; json?: boolean; now?: string }): Promise<number> {
  const config = await loadCliConfig(options.config);
  const now = parseNow(options.now);
  const reader = StateReader.open(config);
  try {
    const status = await reader.status(now);
    io.stdout.write(options.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status, process.cwd()));
    return EXIT.ok;
  } finally {
    await reader.close();
  }
}
