// What stands behind `SendContext.accessToken`: the channel's stored access token while it has
// more than `aheadSeconds` to live, else a refreshed one. A refresh runs under the credentials
// file's lock and re-reads the file first, so two processes never spend one rotating refresh
// token twice; the answer is written (atomically) before the new token is handed out, so a crash
// right after a rotation never strands the account with a refresh token the service has retired.
// A refresh token that refreshing does not extend (Douyin's, 30 days) is renewed, the same way,
// once it has less than the profile's `renewRefreshToken.aheadSeconds` left.
import type { OAuthProfile, TokenSet } from '../channels/oauth-profile.ts';
import { ChannelError, type ChannelConfig, type SendContext } from '../publish/channel-types.ts';
import { PromoError } from '../util/promo-error.ts';
import { channelLabel } from './channel-label.ts';
import type { AccountEntry, ClientRefused, CredentialsFile } from './credentials-file.ts';
import { describeClientRefused } from './describe-client-refused.ts';
import { mergeTokens } from './merge-tokens.ts';
import { noteClientRefused } from './note-client-refused.ts';
import { reconnectError } from './reconnect-error.ts';
import { refreshRenewalDue } from './refresh-renewal-due.ts';
import { renewRefreshToken } from './renew-refresh-token.ts';
import { requestTokens, TokenRefusedError } from './request-tokens.ts';

export interface TokenProviderOptions {
  /** The channel's resolved config (`name`, client id and secret, `api:`). */
  config: ChannelConfig;
  profile: OAuthProfile;
  credentials: CredentialsFile;
  /** Refresh when the access token has fewer seconds than this left (default 300). */
  aheadSeconds?: number;
  /** The channel as config.yaml writes it (before `${VAR}`s are replaced), for describeClientRefused. */
  definition?: Record<string, unknown>;
}

export type TokenProvider = (options: { force?: boolean } | undefined, context: Pick<SendContext, 'now' | 'signal' | 'timeoutMs'>) => Promise<string>;

/** The token source of one channel's account; pass it to a send as `accessToken: (o) => provider(o, context)`. */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const { config, profile, credentials } = options;
  const ahead = (options.aheadSeconds ?? 300) * 1000;
  const channel = config.name;
  // The token this provider last handed out: a forced refresh that finds another one stored
  // (refreshed meanwhile by another send or process) takes that instead of refreshing again.
  let handedOut: string | undefined;
  let refreshing: Promise<string> | undefined;

  const fresh = (tokens: TokenSet, now: Date) => Date.parse(tokens.expiresAt) - now.getTime() > ahead;
  // A refresh token that refreshing does not extend (Douyin) is renewed ahead of its end as the account is used.
  const renewDue = (entry: AccountEntry, now: Date) => refreshRenewalDue(entry, profile, now);
  const renewIfDue = (entry: AccountEntry, context: Pick<SendContext, 'now' | 'signal' | 'timeoutMs'>) => renewRefreshToken(entry, { profile, config, context });

  return async (request, context) => {
    try {
      const entry = usable(await credentials.get(channel), config);
      if (!request?.force && fresh(entry.tokens, context.now()) && !renewDue(entry, context.now())) return (handedOut = entry.tokens.accessToken);
      // Sends side by side on one channel share one refresh.
      refreshing ??= refresh(Boolean(request?.force), context).finally(() => { refreshing = undefined; });
      return (handedOut = await refreshing);
    } catch (error) {
      // An unreadable credentials file (a wrong PROMO_CREDENTIALS_KEY): the send fails saying so, not as a driver bug.
      if (error instanceof PromoError) throw new ChannelError(`${channelLabel(config)}: ${error.describe()}`, { retryable: false, auth: true });
      throw error;
    }
  };

  async function refresh(force: boolean, context: Pick<SendContext, 'now' | 'signal' | 'timeoutMs'>): Promise<string> {
    // The change returns its outcome instead of throwing: a refused refresh must still be written (needsReconnect).
    const outcome = await credentials.update(async (accounts): Promise<{ token: string } | { reconnect: string } | { client: ClientRefused }> => {
      const entry = usable(accounts[channel], config);
      const now = context.now();
      if (force ? entry.tokens.accessToken !== handedOut && fresh(entry.tokens, now) : fresh(entry.tokens, now)) {
        await renewIfDue(entry, context);
        return { token: entry.tokens.accessToken };
      }
      const refreshToken = entry.tokens.refreshToken;
      if (!refreshToken || (entry.tokens.refreshExpiresAt !== undefined && Date.parse(entry.tokens.refreshExpiresAt) <= now.getTime())) {
        // Nothing to refresh with (Instagram's long-lived token): use the token to its end, then ask for a reconnect.
        if (!force && Date.parse(entry.tokens.expiresAt) > now.getTime()) return { token: entry.tokens.accessToken };
        return markReconnect(entry, refreshToken ? 'its refresh token has expired' : 'its access token has expired and the service gives no refresh token', now);
      }
      let tokens: TokenSet;
      try {
        tokens = await requestTokens({ profile, config, grant: { type: 'refresh_token', refreshToken }, context });
      } catch (error) {
        if (!(error instanceof TokenRefusedError)) throw error;
        if (error.clientRefused) {
          // The app's client id or secret is wrong: connecting again would not help, fixing the
          // config does. Kept as the account's fact (`promo status`, `promo accounts`) as a refused renewal is.
          entry.lastUse = { at: now.toISOString(), ok: false, error: error.message };
          noteClientRefused(entry, { profile, config, now, request: 'refresh' }, error);
          return { client: entry.clientRefused! };
        }
        return markReconnect(entry, `the service refused its refresh token (${error.message.replace(`${channelLabel(config)}: `, '')})`, now);
      }
      entry.tokens = mergeTokens(entry.tokens, tokens);
      if (tokens.scopes) entry.scopes = tokens.scopes;
      entry.lastUse = { at: now.toISOString(), ok: true };
      // The settings the refresh carried were taken: a refusal kept from before of them is over.
      noteClientRefused(entry, { profile, config, now, request: 'refresh' });
      await renewIfDue(entry, context);
      return { token: entry.tokens.accessToken };
    });
    if ('reconnect' in outcome) throw reconnectError(config, outcome.reconnect);
    if ('client' in outcome) {
      // Worded as `promo status`, `promo accounts` and the daemon's log word the same fact.
      throw new ChannelError(describeClientRefused({ channel, refused: outcome.client, definition: options.definition }), { retryable: false, auth: true });
    }
    return outcome.token;
  }
}

/** The stored account, or the ChannelError saying to connect one. */
function usable(entry: AccountEntry | undefined, config: ChannelConfig): AccountEntry {
  if (!entry) throw reconnectError(config, 'no account is connected');
  if (entry.kind !== config.type) throw reconnectError(config, `the connected account is a ${entry.kind} account, the channel is now ${config.type}`);
  if (entry.needsReconnect) throw reconnectError(config, entry.needsReconnect);
  return entry;
}

function markReconnect(entry: AccountEntry, why: string, now: Date): { reconnect: string } {
  entry.needsReconnect = why;
  entry.lastUse = { at: now.toISOString(), ok: false, error: why };
  return { reconnect: why };
}
