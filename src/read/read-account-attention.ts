// The video-platform accounts `promo status` lists as needing a person: a channel with no
// account connected, one whose refresh the service refused (needs `promo accounts connect`), and
// one whose refresh token (or, where the service gives none, access token: Instagram) has ended
// or ends within a week, and one whose refresh-token renewal the service refused (Douyin: it
// works until it ends, whenever that is), and one whose renewal or refresh the service refused for
// the app's client key (a config.yaml fix, not a reconnect: as the daemon or a send recorded it,
// while config.yaml still gives that key). Built on the account rows `promo accounts` shows, so never a token.
import { basename } from 'node:path';
import { CredentialsFile } from '../accounts/credentials-file.ts';
import { describeClientRefused } from '../accounts/describe-client-refused.ts';
import { channelKind } from '../channels/channel-registry.ts';
import type { PromoConfig } from '../config/config-types.ts';
import { PromoError } from '../util/promo-error.ts';
import { accountRows, type AccountRow } from './account-rows.ts';

export interface AccountAttention {
  channel: string;
  type: string;
  /** The account as the service named it, when connected. */
  account?: string;
  problem: 'not-connected' | 'needs-reconnect' | 'client-refused' | 'token-expired' | 'token-expiring' | 'renewal-refused';
  /** What is wrong and what to run. */
  message: string;
}

// A week before a token ends leaves time to act (and for a daemon that uses it to renew it).
const EXPIRING_MS = 7 * 86_400_000;

/** The accounts of `config` needing a person as of `now`; `unreadable`: why the credentials file could not be read (a wrong PROMO_CREDENTIALS_KEY). */
export async function readAccountAttention(config: PromoConfig, now: Date): Promise<{ needsPerson: AccountAttention[]; unreadable?: string }> {
  let rows: AccountRow[];
  try {
    rows = accountRows(config, await CredentialsFile.forState(config.state).read());
  } catch (error) {
    // The rest of the status still shows, with why the accounts do not.
    if (error instanceof PromoError) return { needsPerson: [], unreadable: error.describe() };
    throw error;
  }
  const needsPerson: AccountAttention[] = [];
  for (const row of rows) {
    const attention = attentionOf(row, config, now);
    if (attention) needsPerson.push({ channel: row.channel, type: row.type, ...(row.accountName ?? row.accountId ? { account: row.accountName ?? row.accountId } : {}), ...attention });
  }
  return { needsPerson };
}

function attentionOf(row: AccountRow, config: PromoConfig, now: Date): Pick<AccountAttention, 'problem' | 'message'> | undefined {
  const connect = `run \`promo accounts connect ${row.channel}\``;
  if (row.status === 'not-connected') return { problem: 'not-connected', message: `no account connected: ${connect}` };
  if (row.status === 'needs-reconnect') return { problem: 'needs-reconnect', message: `${row.problems[0] ?? `needs reconnecting: ${connect}`}` };
  const definition = config.channels[row.channel];
  if (row.status !== 'connected' || !definition) return undefined;
  // Fixed in config.yaml first, whatever else is due: neither a renewal nor a reconnect works until then.
  // (The row has it only while config.yaml still gives the refused key.)
  const refused = row.clientRefused;
  if (refused) {
    const fix = describeClientRefused({ channel: row.channel, refused, definition: definition as unknown as Record<string, unknown>, configFile: config.file ? basename(config.file) : undefined });
    const end = row.refreshExpiresAt;
    const left = end ? Date.parse(end) - now.getTime() : undefined;
    if (left !== undefined && left <= 0) return { problem: 'client-refused', message: `${fix}, then ${connect}: its refresh token ended at ${end}` };
    const works = `its refresh token works until ${end === undefined ? 'it ends' : `${end} (${span(left!)} left)`}`;
    // Refused at a post's refresh: no post goes out until it is fixed.
    if (refused.request === 'refresh' || (refused.request === undefined && refused.secretField)) return { problem: 'client-refused', message: `${fix}; posts to ${row.channel} fail until that is fixed (${works})` };
    return { problem: 'client-refused', message: `${fix}; ${works} and is renewed once that is fixed` };
  }
  // Services without refresh tokens (Instagram's long-lived token) end with the access token.
  const [what, end] = row.refreshExpiresAt ? ['refresh token', row.refreshExpiresAt]
    : channelKind(definition.type).oauth?.exchange ? ['access token (the service gives no refresh token)', row.accessExpiresAt]
    : [undefined, undefined];
  if (row.renewRefused && !row.refreshExpiresAt) return { problem: 'renewal-refused', message: `${row.renewRefused}; its refresh token works until it ends (when is not known): ${connect} before then` };
  if (!what || !end) return undefined;
  const left = Date.parse(end) - now.getTime();
  if (left <= 0) return { problem: 'token-expired', message: `its ${what} expired at ${end}: posts fail until you ${connect}` };
  // No renewal will come (renewed as often as the service allows): a reconnect is due, however far off the end.
  if (row.renewRefused) return { problem: 'renewal-refused', message: `${row.renewRefused}; its refresh token works until ${end} (${span(left)} left): ${connect} before then` };
  // A token promo renews (Douyin) is worth a word once its renewal is overdue: the daemon was not running, or the service did not answer.
  const renewal = channelKind(definition.type).oauth?.renewRefreshToken;
  if (left > (renewal ? Math.min(EXPIRING_MS, renewal.aheadSeconds * 1000) : EXPIRING_MS)) return undefined;
  const renews = renewal ? ` and was not renewed (\`promo daemon\` renews it from ${Math.round(renewal.aheadSeconds / 86_400)} days ahead)` : '';
  return { problem: 'token-expiring', message: `its ${what} expires at ${end} (in ${span(left)})${renews}: then posts fail until you ${connect}` };
}

function span(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  return hours >= 72 ? `${Math.round(hours / 24)} d` : hours >= 1 ? `${hours} h` : `${Math.max(1, Math.round(ms / 60_000))} min`;
}
