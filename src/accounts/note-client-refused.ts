// The one owner of an account's `clientRefused` fact (the service refused the app's own client id
// or secret, not the account's grant): an access-token refresh (a post's send) and a refresh-token
// renewal (Douyin, scheduled or at a send) both record and clear it here, so `promo status`,
// `promo accounts` and the daemon's log describe whichever request was refused the same way.
import type { OAuthProfile } from '../channels/oauth-profile.ts';
import type { ChannelConfig } from '../publish/channel-types.ts';
import { clientIdMark } from './client-id-mark.ts';
import type { AccountEntry } from './credentials-file.ts';
import type { TokenRefusedError } from './request-tokens.ts';
import { sendsClientSecret } from './sends-client-secret.ts';

export interface NoteClientRefusedOptions {
  profile: OAuthProfile;
  config: ChannelConfig;
  now: Date;
  /** The request: an access-token refresh or a refresh-token renewal (whether it carried the secret follows from the profile). */
  request: 'refresh' | 'renewal';
}

/**
 * Keeps `refused` (a TokenRefusedError whose `clientRefused` is true) on `entry`, or, with none,
 * clears the fact after a request the service accepted: one that carried the client secret proves
 * both settings; one without it (a renewal) clears only a refusal the secret had no part in.
 */
export function noteClientRefused(entry: AccountEntry, options: NoteClientRefusedOptions, refused?: TokenRefusedError): void {
  const { profile, config, request } = options;
  const carriedSecret = sendsClientSecret(profile, request === 'refresh' ? 'refresh_token' : 'renew_refresh_token');
  if (!refused) {
    if (carriedSecret || !entry.clientRefused?.secretField) delete entry.clientRefused;
    return;
  }
  const field = profile.clientIdField;
  entry.clientRefused = {
    at: options.now.toISOString(), error: refused.message, field,
    ...(carriedSecret ? { secretField: profile.clientSecretField } : {}), request,
    mark: clientIdMark((config as unknown as Record<string, unknown>)[field]),
  };
}
