// Renews an account's refresh token in place (Douyin's /oauth/renew_refresh_token/), for callers
// that hold the credentials file's lock: the entry they write back holds the new token before
// anyone uses it, and the service has retired the old one by then.
import type { OAuthProfile } from '../channels/oauth-profile.ts';
import { ChannelError, type ChannelConfig, type SendContext } from '../publish/channel-types.ts';
import type { AccountEntry } from './credentials-file.ts';
import { noteClientRefused } from './note-client-refused.ts';
import { refreshRenewalDue } from './refresh-renewal-due.ts';
import { requestTokens, TokenRefusedError } from './request-tokens.ts';

/** `misconfigured`: the service refused the app's client key (config.yaml; kept as `clientRefused`), the token left as it was. */
export type RenewalOutcome = 'renewed' | 'refused' | 'misconfigured' | 'unanswered' | 'not-due';

/**
 * Renews `entry`'s refresh token when due; a refusal is kept on the entry (`renewRefused`, or
 * `clientRefused` for the app's client key: describeClientRefused says what to fix), never thrown.
 */
export async function renewRefreshToken(
  entry: AccountEntry,
  options: { profile: OAuthProfile; config: ChannelConfig; context: Pick<SendContext, 'now' | 'signal' | 'timeoutMs'> },
): Promise<{ outcome: RenewalOutcome }> {
  const { profile, config, context } = options;
  const refreshToken = entry.tokens.refreshToken;
  if (!refreshToken || !refreshRenewalDue(entry, profile, context.now())) return { outcome: 'not-due' };
  // Douyin's renewal carries the client id and the refresh token only.
  const noted = { profile, config, now: context.now(), request: 'renewal' } as const;
  try {
    // Not cut short by a stopping send or daemon (only by its time limit): cut off after the
    // service retired the old token and before the answer is stored, it would strand the account.
    const uncancelled = { ...context, signal: AbortSignal.timeout(context.timeoutMs) };
    entry.tokens = await requestTokens({ profile, config, grant: { type: 'renew_refresh_token', tokens: { ...entry.tokens, refreshToken } }, context: uncancelled });
    noteClientRefused(entry, noted);
    return { outcome: 'renewed' };
  } catch (error) {
    // The app's client key refused (Douyin's 10003/10005/10013/10014, as the profile reads its
    // answer): the account's token is fine, the config is not. Kept as a fact for the daemon's log
    // and `promo status`, but not as a refusal: the next try after the config is fixed renews it.
    if (error instanceof TokenRefusedError && error.clientRefused) {
      noteClientRefused(entry, noted, error);
      return { outcome: 'misconfigured' };
    }
    // Refused (renewed 5 times already, an expired token, the app lacks the permission): the
    // token works until its end; `promo accounts` and `promo status` say a reconnect is needed by then.
    if (error instanceof TokenRefusedError) {
      entry.renewRefused = error.message;
      noteClientRefused(entry, noted);
      return { outcome: 'refused' };
    }
    // No answer (network, 5xx): tried again at the next use or daemon check; the token still works.
    if (error instanceof ChannelError) return { outcome: 'unanswered' };
    throw error;
  }
}
