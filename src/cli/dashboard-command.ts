// `promo dashboard [--host] [--port] [--lang] [--public-url]`: serves the dashboard until Ctrl-C,
// printing its URL (off loopback: the one-time login link, and a new one each time one is used).
import type { DashboardConfig, PromoConfig } from '../config/config-types.ts';
import { startDashboard, type DashboardServer } from '../dashboard/start-dashboard.ts';
import { PromoError } from '../util/promo-error.ts';
import { interruptSignal, type CliIo } from './cli-io.ts';
import { loadCliConfig } from './cli-load.ts';
import { EXIT } from './exit-codes.ts';

export interface DashboardCommandOptions {
  config?: string;
  host?: string;
  port?: string;
  lang?: string;
  publicUrl?: string;
}

/** Serves the dashboard until interrupted; returns the exit code. */
export async function dashboardCommand(io: CliIo, options: DashboardCommandOptions): Promise<number> {
  const config = await loadCliConfig(options.config);
  const settings = dashboardSettings(config, options);
  const interrupt = interruptSignal(io, { quiet: true });
  try {
    const server = await serveDashboard(io, config, settings, interrupt.signal);
    await new Promise<void>((resolve) => interrupt.signal.addEventListener('abort', () => resolve(), { once: true }));
    await server.close();
    return EXIT.ok;
  } finally {
    interrupt.dispose();
  }
}

/** Starts the dashboard with `settings` and prints where it is (used by `promo daemon` too). */
export async function serveDashboard(io: CliIo, config: PromoConfig, settings: DashboardConfig, signal: AbortSignal): Promise<DashboardServer> {
  let server: DashboardServer;
  try {
    server = await startDashboard({
      config, host: settings.host, port: settings.port, lang: settings.lang, publicUrl: settings.publicUrl, signal,
      onLoginUrl: (url) => io.stdout.write(`dashboard: that login link was used; the next person opens ${url}\n`),
      onError: (error) => io.stderr.write(`dashboard: ${(error as Error)?.message ?? String(error)}\n`),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new PromoError('USAGE', `the dashboard cannot listen on ${settings.host}:${settings.port} (${code})`, {
        hint: code === 'EADDRINUSE' ? 'another program (or another promo dashboard) uses that port: pick another with --port or dashboard.port' : 'pick an address of this machine with --host and a port above 1023',
        cause: error,
      });
    }
    throw error;
  }
  if (server.loginUrl) {
    io.stdout.write(`dashboard: ${server.url}\n`);
    io.stdout.write(`dashboard: listening on ${settings.host}, so every visitor needs a login link; open ${server.loginUrl} (it works once; a new one is printed when it is used)\n`);
  } else io.stdout.write(`dashboard: ${server.url}\n`);
  return server;
}

function dashboardSettings(config: PromoConfig, options: DashboardCommandOptions): DashboardConfig {
  const base: DashboardConfig = config.dashboard ?? { host: '127.0.0.1', port: 8770 };
  let port = base.port;
  if (options.port !== undefined) {
    port = Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PromoError('USAGE', `--port ${options.port}: expected a whole number from 0 to 65535`);
  }
  if (options.lang !== undefined && options.lang !== 'zh' && options.lang !== 'en') throw new PromoError('USAGE', `--lang ${options.lang}: expected zh or en`);
  if (options.publicUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(options.publicUrl)) throw new PromoError('USAGE', `--public-url ${options.publicUrl}: expected an http(s) URL such as https://promo.example.com`);
  return {
    host: options.host ?? base.host,
    port,
    lang: (options.lang as DashboardConfig['lang']) ?? base.lang,
    publicUrl: options.publicUrl ?? base.publicUrl,
  };
}
