// Small shared pieces of the CLI: printing errors a person can act on, option parsers, and the
// abort signal Ctrl-C and SIGTERM trigger.
import { PromoError } from '../util/promo-error.ts';
import { EXIT } from './exit-codes.ts';

export interface CliIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  verbose: boolean;
}

/** Thrown inside commands to end with an exit code after the message was printed. */
export class ExitError extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** Prints a PromoError (or anything else) the way a person can act on it; returns its exit code. */
export function reportError(io: CliIo, error: unknown): number {
  if (error instanceof ExitError) return error.exitCode;
  if (error instanceof PromoError) {
    io.stderr.write(`error: ${error.describe(process.cwd())}\n`);
    if (io.verbose && error.detail) io.stderr.write(`${error.detail}\n`);
    if (io.verbose && error.stack) io.stderr.write(`${error.stack}\n`);
    switch (error.code) {
      case 'SPEC_INVALID': case 'CONFIG_INVALID': case 'USAGE': case 'ASSET_INVALID':
        return EXIT.invalid;
      case 'ENGINE_MISSING': case 'QUEUE_UNUSABLE':
        return EXIT.environment;
      case 'INTERRUPTED':
        return EXIT.interrupted;
      case 'DAEMON_BUSY':
        return EXIT.busy;
      default:
        return EXIT.someFailed;
    }
  }
  io.stderr.write(`error: ${(error as Error)?.message ?? String(error)}\n`);
  if (io.verbose && (error as Error)?.stack) io.stderr.write(`${(error as Error).stack}\n`);
  else io.stderr.write('(run again with --verbose for details)\n');
  return EXIT.environment;
}

/** An AbortSignal that fires on the first Ctrl-C or SIGTERM; a second Ctrl-C exits at once. */
export function interruptSignal(io: CliIo, options: { quiet?: boolean } = {}): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    if (!options.quiet) io.stderr.write(`\n${name}: stopping; unfinished files are being removed (press Ctrl-C again to quit at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** Splits `a,b , c` into ['a','b','c']. */
export function parseList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Parses a positive integer option or throws a usage error naming the option. */
export function parsePositiveInt(option: string, max = 64) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      throw new PromoError('USAGE', `${option} ${value}: expected a whole number from 1 to ${max}`);
    }
    return n;
  };
}
