// `promo accounts [--json]`, `promo accounts connect <channel> [--refresh-token -]`,
// `promo accounts remove <channel>`: the video-platform accounts in the credentials file beside
// the state database. Nothing printed here ever holds a token or a client secret.
import { spawn } from 'node:child_process';
import { connectAccount } from '../accounts/connect-account.ts';
import { connectWithRefreshToken } from '../accounts/connect-with-refresh-token.ts';
import { CredentialsFile, type AccountEntry } from '../accounts/credentials-file.ts';
import { resolvePlatformChannel } from '../schedule/resolve-platform-channel.ts';
import { PromoError } from '../util/promo-error.ts';
import { interruptSignal, type CliIo } from './cli-io.ts';
import { loadCliConfig } from './cli-load.ts';
import { EXIT } from './exit-codes.ts';
import { accountRows } from '../read/account-rows.ts';
import { missingScopes } from '../accounts/missing-scopes.ts';
import { formatTable } from './format-table.ts';
import { parseNow } from './parse-now.ts';

/** `promo accounts`: every platform channel's account; reads only. */
export async function accountsListCommand(io: CliIo, options: { config?: string; json?: boolean; now?: string }): Promise<number> {
  const config = await loadCliConfig(options.config);
  const now = parseNow(options.now);
  const accounts = await CredentialsFile.forState(config.state).read();
  const rows = accountRows(config, accounts);
  if (options.json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  if (rows.length === 0) {
    io.stdout.write('no video-platform channels in the configuration (add one under `channels:`, then `promo accounts connect <channel>`)\n');
    return EXIT.ok;
  }
  io.stdout.write(formatTable([['channel', 'type', 'account', 'access token', 'refresh token', 'last use', 'status'], ...rows.map((row) => [
    row.channel, row.type, row.accountName ?? row.accountId ?? '-',
    row.accessExpiresAt ? expiry(row.accessExpiresAt, now) : '-',
    row.refreshExpiresAt ? expiry(row.refreshExpiresAt, now) : row.status === 'connected' || row.status === 'needs-reconnect' ? 'no expiry given' : '-',
    row.lastUse ? `${row.lastUse.at.slice(0, 16).replace('T', ' ')}Z ${row.lastUse.ok ? 'ok' : 'failed'}` : '-',
    row.status,
  ])]));
  for (const row of rows) {
    if (row.scopes.length > 0) io.stdout.write(`${row.channel}: scopes ${row.scopes.join(' ')}\n`);
    for (const problem of row.problems) io.stdout.write(`${row.channel}: ${problem}\n`);
  }
  return EXIT.ok;
}

/** `promo accounts connect <channel> [--refresh-token -]`. */
export async function accountsConnectCommand(io: CliIo, channel: string, options: { config?: string; refreshToken?: string; browser?: boolean }): Promise<number> {
  const config = await loadCliConfig(options.config);
  const platform = resolvePlatformChannel(config, channel);
  if (!platform.ok) throw new PromoError('USAGE', platform.problem);
  const credentials = CredentialsFile.forState(config.state);
  const interrupt = interruptSignal(io, { quiet: true });
  try {
    let entry: AccountEntry;
    if (options.refreshToken !== undefined) {
      if (options.refreshToken !== '-') {
        // A token on the command line ends up in the shell history and `ps`.
        throw new PromoError('USAGE', '--refresh-token takes `-` (the token is read from standard input, never from the command line)', {
          hint: `\`promo accounts connect ${channel} --refresh-token - < token.txt\``,
        });
      }
      entry = await connectWithRefreshToken({ config: platform.config, profile: platform.profile, credentials, refreshToken: await readStdin(), signal: interrupt.signal });
    } else {
      entry = await connectAccount({
        config: platform.config, profile: platform.profile, credentials, signal: interrupt.signal,
        show: (url) => {
          io.stdout.write(`To connect ${platform.label}, open this address in a browser and allow access:\n\n  ${url}\n\nWaiting for the browser to come back to promo (Ctrl-C to stop)…\n`);
          if (options.browser !== false) openBrowser(url);
        },
      });
    }
    const who = entry.accountName ?? entry.accountId;
    io.stdout.write(`${platform.label}: connected${who ? ` as ${who}` : ''}; scopes ${entry.scopes.join(' ') || '(none reported)'}; stored in ${credentials.path}${credentials.encrypted ? ' (encrypted)' : ''}\n`);
    for (const problem of [...missingScopes(entry.scopes, platform.profile.scopes), ...(entry.warnings ?? [])]) io.stdout.write(`warning: ${problem}\n`);
    return EXIT.ok;
  } finally {
    interrupt.dispose();
  }
}

/** `promo accounts remove <channel>`: forgets the account (the grant stays valid at the service until revoked there). */
export async function accountsRemoveCommand(io: CliIo, channel: string, options: { config?: string }): Promise<number> {
  const config = await loadCliConfig(options.config);
  const credentials = CredentialsFile.forState(config.state);
  const removed = await credentials.update((accounts) => {
    const had = accounts[channel];
    delete accounts[channel];
    return had;
  });
  if (!removed) throw new PromoError('USAGE', `no account is stored for channel ${channel}`, { hint: 'see `promo accounts`' });
  io.stdout.write(`${channel}: account removed from ${credentials.path}; to withdraw promo's access at the service too, remove the app in the account's security settings\n`);
  return EXIT.ok;
}

function expiry(iso: string, now: Date): string {
  const minutes = Math.round((Date.parse(iso) - now.getTime()) / 60_000);
  const span = Math.abs(minutes) >= 2880 ? `${Math.round(Math.abs(minutes) / 1440)} d` : Math.abs(minutes) >= 120 ? `${Math.round(Math.abs(minutes) / 60)} h` : `${Math.abs(minutes)} min`;
  return minutes >= 0 ? `${iso.slice(0, 16).replace('T', ' ')}Z (in ${span})` : `expired ${span} ago`;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Opens `url` in the desktop's browser when there is a desktop; the printed URL is enough otherwise. */
function openBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? undefined : process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? 'xdg-open' : undefined;
  if (!opener || !process.stdout.isTTY) return;
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}
