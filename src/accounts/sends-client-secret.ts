// Which token requests carry the app's client secret: the code exchange and a long-lived-token
// exchange always, a refresh unless the profile takes none (Douyin), a refresh-token renewal never.
import type { OAuthProfile } from '../channels/oauth-profile.ts';

export type TokenGrantType = 'authorization_code' | 'refresh_token' | 'exchange' | 'renew_refresh_token';

/** Whether a `grant` request of `profile` sends the client secret (and so whether a refusal of it may be the secret's). */
export function sendsClientSecret(profile: Pick<OAuthProfile, 'refreshSendsSecret'>, grant: TokenGrantType): boolean {
  if (grant === 'renew_refresh_token') return false;
  return grant !== 'refresh_token' || profile.refreshSendsSecret !== false;
}
