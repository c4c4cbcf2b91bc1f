// The last step of connecting an account, by browser or by refresh token: ask the service who the
// account is (where the platform's profile can), and store it in place of any earlier one.
import type { OAuthProfile, TokenSet } from '../channels/oauth-profile.ts';
import type { ChannelConfig } from '../publish/channel-types.ts';
import type { AccountEntry, CredentialsFile } from './credentials-file.ts';
import { oauthUrl } from './oauth-url.ts';

export interface StoreAccountOptions {
  config: ChannelConfig;
  profile: OAuthProfile;
  credentials: CredentialsFile;
  tokens: TokenSet;
  signal: AbortSignal;
  now: () => Date;
}

/** Stores `tokens` as the channel's account (needsReconnect cleared); resolves to the entry. */
export async function storeAccount(options: StoreAccountOptions): Promise<AccountEntry> {
  const { config, profile, tokens } = options;
  let who: { id?: string; name?: string; warnings?: string[] } = {};
  if (profile.describeAccount) {
    const apiBase = oauthUrl(profile, config, 'api', '').toString().replace(/\/$/, '');
    // Who the account is only decorates `promo accounts`: a service that will not say does not undo the connection.
    const clientId = String((config as unknown as Record<string, unknown>)[profile.clientIdField] ?? '');
    who = await profile.describeAccount({ apiBase, accessToken: tokens.accessToken, clientId, ...(tokens.accountId ? { accountId: tokens.accountId } : {}), signal: options.signal }).catch(() => ({}));
  }
  const at = options.now().toISOString();
  const entry: AccountEntry = {
    kind: config.type,
    ...(who.id ?? tokens.accountId ? { accountId: who.id ?? tokens.accountId } : {}),
    ...(who.name ? { accountName: who.name } : {}),
    ...(who.warnings && who.warnings.length > 0 ? { warnings: who.warnings } : {}),
    scopes: tokens.scopes ?? [...profile.scopes],
    tokens,
    connectedAt: at,
    lastUse: { at, ok: true },
  };
  await options.credentials.update((accounts) => { accounts[config.name] = entry; });
  return entry;
}
