// The video-platform accounts as `promo accounts` and the dashboard's Health page show them:
// each OAuth channel's account, whether it needs connecting again and why, from the credentials
// file. A row never holds a token or a client secret: only names, scopes, times and problems.
import { basename } from 'node:path';
import { channelKind } from '../channels/channel-registry.ts';
import { clientIdMark } from '../accounts/client-id-mark.ts';
import type { AccountEntry } from '../accounts/credentials-file.ts';
import { describeClientRefused } from '../accounts/describe-client-refused.ts';
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
  /**
   * The service refused the app's client id at the last renewal or refresh (config.yaml to fix, not
   * the account), while config.yaml still gives the refused value (a changed one is not shown).
   */
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
    const fields = definition as unknown as Record<string, unknown>;
    rows.push(entry ? rowOf(name, entry, { definition: fields, configFile: config.file ? basename(config.file) : undefined }, [...kind.oauth.scopes]) : { channel: name, type: definition.type, status: 'not-connected', scopes: [], problems: [`not connected: run \`promo accounts connect ${name}\``] });
  }
  for (const [name, entry] of Object.entries(accounts)) {
    if (!config.channels[name]) rows.push(rowOf(name, entry, undefined, []));
  }
  return rows;
}

/** `channel`: the channel as config.yaml writes it, and that file's name; undefined when no longer configured. */
function rowOf(name: string, entry: AccountEntry, channel: { definition: Record<string, unknown>; configFile?: string } | undefined, wanted: string[]): AccountRow {
  const configured = channel !== undefined;
  const problems: string[] = [];
  // Only while config.yaml still gives the refused client id: a changed one is tried at the next use.
  const refused = entry.clientRefused;
  const clientRefused = refused && channel && clientIdMark(channel.definition[refused.field]) === refused.mark ? refused : undefined;
  if (clientRefused && channel) problems.push(describeClientRefused({ channel: name, refused: clientRefused, ...channel }));
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
    ...(clientRefused ? { clientRefused } : {}),
    problems,
  };
}
