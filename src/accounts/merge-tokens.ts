// A refresh answer laid over the stored tokens.
import type { TokenSet } from '../channels/oauth-profile.ts';

/** `next` over `old`: a service that sends no new refresh token (Google) keeps the old one valid, so it is kept. */
export function mergeTokens(old: TokenSet, next: TokenSet): TokenSet {
  return {
    ...next,
    refreshToken: next.refreshToken ?? old.refreshToken,
    refreshExpiresAt: next.refreshToken ? next.refreshExpiresAt : (next.refreshExpiresAt ?? old.refreshExpiresAt),
    scopes: next.scopes ?? old.scopes,
    accountId: next.accountId ?? old.accountId,
  };
}
