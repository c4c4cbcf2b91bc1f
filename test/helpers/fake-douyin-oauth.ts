// Douyin's OAuth service on the loopback fake OAuth service, as Douyin documents it
// (research/uploads.md 4.2): the code exchange at oauth/access_token/ with client_key and
// client_secret; the refresh at oauth/refresh_token/ with exactly client_key, grant_type and
// refresh_token (no client secret: one sent is refused); answers and refusals in Douyin's `data`
// envelope with HTTP 200 (10003 check client_key, 10005 a parameter missing, 10010 the refresh
// token expired or unknown). Pass `renew` for oauth/renew_refresh_token/.
import { douyinKind } from '../../src/channels/douyin-kind.ts';
import { startFakeOAuth, type FakeOAuth, type FakeOAuthOptions } from './fake-oauth-server.ts';

const profile = douyinKind.oauth!;
const CODES: Record<string, number> = { invalid_client: 10003, invalid_request: 10005, invalid_grant: 10010 };

/** Starts the fake for Douyin; `options` as startFakeOAuth's (client key, secret, TTLs, account, renewal). */
export async function startFakeDouyinOAuth(options: Partial<FakeOAuthOptions> = {}): Promise<FakeOAuth> {
  return startFakeOAuth({
    authorizePath: profile.authorizePath, tokenPath: profile.tokenPath, refreshPath: profile.refreshPath,
    refreshParams: ['client_key', 'grant_type', 'refresh_token'],
    clientIdParam: 'client_key', clientSecretParam: 'client_secret', pkce: 'none', scopeSeparator: ',', grantScopes: [...profile.scopes],
    answer: (t) => ({
      data: {
        access_token: t.accessToken, expires_in: t.expiresIn, open_id: t.accountId, scope: t.scope, error_code: 0, description: '',
        ...(t.refreshToken ? { refresh_token: t.refreshToken } : {}), ...(t.refreshExpiresIn !== undefined ? { refresh_expires_in: t.refreshExpiresIn } : {}),
      },
      message: 'success',
    }),
    refusal: (error, description) => ({ status: 200, body: { data: { error_code: CODES[error] ?? 10010, description }, message: 'error' } }),
    ...options,
  });
}
