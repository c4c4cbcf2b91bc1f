// Whether an account's refresh token should be renewed now: its profile renews refresh tokens
// (Douyin), it has one, the service has not refused a renewal already, and less than the
// profile's `aheadSeconds` are left (or its end is not known: connected with --refresh-token).
import type { OAuthProfile } from '../channels/oauth-profile.ts';
import type { AccountEntry } from './credentials-file.ts';

/** True when `entry`'s refresh token is due for renewal as of `now` (and still alive to be renewed with). */
export function refreshRenewalDue(entry: AccountEntry, profile: OAuthProfile, now: Date): boolean {
  const renew = profile.renewRefreshToken;
  const { refreshToken, refreshExpiresAt } = entry.tokens;
  if (!renew || !refreshToken || entry.renewRefused !== undefined || entry.needsReconnect !== undefined) return false;
  if (refreshExpiresAt === undefined) return true;
  const left = Date.parse(refreshExpiresAt) - now.getTime();
  // An ended token cannot be renewed: the next refresh says the account needs connecting again.
  return left > 0 && left < renew.aheadSeconds * 1000;
}
