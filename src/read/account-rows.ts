// The video-platform accounts as `promo accounts` and the dashboard's Health page show them:
// each OAuth channel's account, whether it needs connecting again and why, from the credentials
// file. A row never holds a token or a client secret: only names, scopes, times and problems.
import { channelKind } from '../channels/channel-registry.ts';
import type { AccountEntry } from '../accounts/credentials-file.ts';
import type { PromoConfig } from '../config/config-types.ts';
import { missingScopes } from '../accounts/missing-scopes.ts';

/** One row of `promo accounts`, as `--json` prints it. */
export interface AccountRow {
  channel: string;
  type: string;
  /** connected, needs-reconnect, not-connected, or not-configured (an account of a channel no longer in the config). */
  status: 'connected' | 'needs-reconnect' | 'not-connected' | 'not-configured';
  accountId?: string;
  accountName?: string;
  scopes: string[];
  accessExpiresAt?: string;
  refreshExpiresAt?: string;
  connectedAt?: string;
  lastUse?: AccountEntry['lastUse'];
  /** Why the service refused to renew the refresh token (Douyin): it works until refreshExpiresAt, then a reconnect is needed. */
  renewRefused?: string;
  /** The service refused the app's client id at the last renewal (config.yaml to fix, not the account). */
  clientRefused?: AccountEntry['clientRefused'];
  /** Why a reconnect is needed, and what else a person should know (scopes not granted). */
  problems: string[];
}

/** One row per video-platform channel of the config, then per account of a channel no longer there. */
export function accountRows(config: PromoConfig, accounts: Record<string, AccountEntry>): AccountRow[] {
  const rows: AccountRow[] = [];
  for (const [name, definition] of Object.entries(config.channels)) {
    const kind = channelKind(definition.type);
    if (!kind.oauth) continue;
    const entry = accounts[name];
    rows.push(entry ? rowOf(name, entry, true, [...kind.oauth.scopes]) : { channel: name, type: definition.type, status: 'not-connected', scopes: [], problems: [`not connected: run \`promo accounts connect ${name}\``] });
  }
  for (const [name, entry] of Object.entries(accounts)) {
    if (!config.channels[name]) rows.push(rowOf(name, entry, false, []));
  }
  return rows;
}

function rowOf(name: string, entry: AccountEntry, configured: boolean, wanted: string[]): AccountRow {
  const problems: string[] = [];
  if (entry.needsReconnect) problems.push(`needs reconnecting: ${entry.needsReconnect}; run \`promo accounts connect ${name}\``);
  if (entry.renewRefused && !entry.needsReconnect) problems.push(`${entry.renewRefused}: the refresh token works until ${entry.tokens.refreshExpiresAt ?? 'it ends'}; run \`promo accounts connect ${name}\` before then`);
  if (!configured) problems.push(`no channel ${name} in the configuration any more; \`promo accounts remove ${name}\` forgets the account`);
  problems.push(...missingScopes(entry.scopes, wanted), ...(entry.warnings ?? []));
  return {
    channel: name, type: entry.kind,
    status: !configured ? 'not-configured' : entry.needsReconnect ? 'needs-reconnect' : 'connected',
    ...(entry.accountId ? { accountId: entry.accountId } : {}),
    ...(entry.accountName ? { accountName: entry.accountName } : {}),
    scopes: entry.scopes,
    accessExpiresAt: entry.tokens.expiresAt,
    ...(entry.tokens.refreshExpiresAt ? { refreshExpiresAt: entry.tokens.refreshExpiresAt } : {}),
    ...(entry.connectedAt ? { connectedAt: entry.connectedAt } : {}),
    ...(entry.lastUse ? { lastUse: entry.lastUse } : {}),
    ...(entry.renewRefused ? { renewRefused: entry.renewRefused } : {}),
    ...(entry.clientRefused ? { clientRefused: entry.clientRefused } : {}),
    problems,
  };
}
