// `promo accounts connect <channel> --refresh-token -`: for a server without a browser, a refresh
// token obtained elsewhere (another machine's promo, the platform's console) is checked by
// refreshing once, and stored with what that refresh answered.
import type { OAuthProfile } from '../channels/oauth-profile.ts';
import type { ChannelConfig } from '../publish/channel-types.ts';
import { PromoError } from '../util/promo-error.ts';
import type { AccountEntry, CredentialsFile } from './credentials-file.ts';
import { mergeTokens } from './merge-tokens.ts';
import { requestTokens, TokenRefusedError } from './request-tokens.ts';
import { storeAccount } from './store-account.ts';

export interface ConnectWithRefreshTokenOptions {
  config: ChannelConfig;
  profile: OAuthProfile;
  credentials: CredentialsFile;
  refreshToken: string;
  signal: AbortSignal;
  now?: () => Date;
}

/** Refreshes once with `refreshToken` and stores the account; a refused token stores nothing. */
export async function connectWithRefreshToken(options: ConnectWithRefreshTokenOptions): Promise<AccountEntry> {
  const now = options.now ?? (() => new Date());
  const refreshToken = options.refreshToken.trim();
  if (!refreshToken) throw new PromoError('USAGE', 'no refresh token on standard input', { hint: `pipe it in: \`promo accounts connect ${options.config.name} --refresh-token - < token.txt\`` });
  try {
    const answer = await requestTokens({
      profile: options.profile, config: options.config, grant: { type: 'refresh_token', refreshToken },
      context: { now, signal: options.signal, timeoutMs: 30_000 },
    });
    // A rotating service has already retired the token given; the answer's replaces it.
    const tokens = mergeTokens({ accessToken: '', refreshToken, expiresAt: now().toISOString() }, answer);
    return await storeAccount({ ...options, tokens, now });
  } catch (error) {
    if (error instanceof TokenRefusedError) {
      throw new PromoError('ACCOUNT_FAILED', `${error.message}; nothing was stored`, { hint: 'check that the token is a refresh token of this app (client id) and not revoked or already used' });
    }
    throw error;
  }
}
