// `promo insights report --out <dir>`: placeholder until the report lands.
import type { CliIo } from './cli-io.ts';
import { EXIT } from './exit-codes.ts';

/** Writes the HTML report. */
export async function insightsReportCommand(io: CliIo, _options: { out: string }): Promise<number> {
  io.stderr.write('promo insights report is not available yet\n');
  return EXIT.invalid;
}
