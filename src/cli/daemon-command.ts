// `promo daemon [--once [--now ISO]]`: publishes due posts (and runs watched inboxes).
import { runDaemon } from '../schedule/run-daemon.ts';
import { PromoError } from '../util/promo-error.ts';
import { interruptSignal, type CliIo } from './cli-io.ts';
import { loadCliConfig } from './cli-load.ts';
import { EXIT } from './exit-codes.ts';
import { logAccountAttention } from './log-account-attention.ts';

/** Runs the daemon; returns the exit code. */
export async function daemonCommand(io: CliIo, options: { config?: string; once?: boolean; now?: string }): Promise<number> {
  const config = await loadCliConfig(options.config);
  if (options.now !== undefined && !options.once) throw new PromoError('USAGE', '--now goes with --once', { hint: 'a running daemon always uses the real clock' });
  let now: Date | undefined;
  if (options.now !== undefined) {
    now = new Date(options.now);
    if (Number.isNaN(now.getTime()) || !/(Z|[+-]\d{2}:?\d{2})$/.test(options.now)) {
      throw new PromoError('USAGE', `--now ${options.now}: expected an ISO 8601 time with a zone, e.g. 2026-11-30T12:00:00Z`);
    }
  }
  const interrupt = interruptSignal(io, { quiet: true });
  const log = (line: string) => io.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  // `dashboard:` in config.yaml: the daemon serves it too, for as long as it runs.
  const dashboard = config.dashboard && !options.once
    ? await (await import('./dashboard-command.ts')).serveDashboard(io, config, config.dashboard, interrupt.signal).catch((error: unknown) => {
      interrupt.dispose();
      throw error;
    })
    : undefined;
  // Accounts that need a person, in the log as in `promo status` (then hourly checks, each said
  // once a day): after the first tick, whose renewals (a wrong client key, a token renewed) change what there is to say.
  const logged = new Map<string, number>();
  const afterFirstTick = () => logAccountAttention(config, now ?? new Date(), log, logged);
  const checking = options.once ? undefined : setInterval(() => void logAccountAttention(config, new Date(), log, logged).catch(() => undefined), 3_600_000);
  checking?.unref();
  try {
    const result = await runDaemon({ config, signal: interrupt.signal, log, once: options.once, now, afterFirstTick });
    if (options.once) {
      io.stdout.write(`sent ${result.sent}, retrying ${result.retrying}, failed ${result.failed}, missed ${result.missed}, unknown ${result.unknown}${result.continuing > 0 ? `, in flight ${result.continuing}` : ''}\n`);
      return result.failed + result.missed + result.unknown > 0 ? EXIT.someFailed : EXIT.ok;
    }
    return EXIT.ok;
  } finally {
    clearInterval(checking);
    await dashboard?.close();
    interrupt.dispose();
  }
}
