// One call to a platform's token endpoint (the code exchange, a refresh, a long-lived-token
// exchange or a refresh-token renewal), with every token and the client secret kept out of what it throws.
import type { OAuthProfile, TokenSet } from '../channels/oauth-profile.ts';
import { TokenAnswerError } from '../channels/token-answer-error.ts';
import { ChannelError, type ChannelConfig, type SendContext } from '../publish/channel-types.ts';
import { httpRequest } from '../publish/http-request.ts';
import { parseJsonObject } from '../publish/parse-json-object.ts';
import { summarizeBody } from '../publish/summarize-body.ts';
import { redactSecrets } from '../publish/redact-secrets.ts';
import { channelLabel } from './channel-label.ts';
import { oauthUrl } from './oauth-url.ts';
import { sendsClientSecret } from './sends-client-secret.ts';

/** The service refused the grant (a revoked, expired or already rotated refresh token; a bad code). */
export class TokenRefusedError extends Error {
  /**
   * `code`: the service's OAuth error code (`invalid_grant`, `invalid_client`…), when it gave one;
   * `appRefused`: the profile read its answer as refusing the app's credentials (Douyin's 10005).
   */
  constructor(message: string, readonly code?: string, private readonly appRefused = false) {
    super(message);
    this.name = 'TokenRefusedError';
  }

  /** The app's own credentials were refused (not the account's grant): a configuration problem. */
  get clientRefused(): boolean {
    return this.appRefused || this.code === 'invalid_client' || this.code === 'unauthorized_client';
  }
}

export interface TokenRequestOptions {
  profile: OAuthProfile;
  /** The channel's resolved config: client id and secret (by the profile's field names), `api:`. */
  config: ChannelConfig;
  grant:
    | { type: 'authorization_code'; code: string; redirectUri: string; codeVerifier?: string }
    | { type: 'refresh_token'; refreshToken: string }
    /** The profile's `exchange`: a short-lived access token traded for a long-lived one. */
    | { type: 'exchange'; accessToken: string }
    /** The profile's `renewRefreshToken`: `tokens` with a new refresh token (the old one is retired). */
    | { type: 'renew_refresh_token'; tokens: TokenSet & { refreshToken: string } };
  context: Pick<SendContext, 'now' | 'signal' | 'timeoutMs'>;
}

/**
 * Asks the token endpoint for tokens. Throws TokenRefusedError when the service refuses the grant,
 * and a retryable ChannelError when it could not answer (network, 5xx, 429).
 */
export async function requestTokens(options: TokenRequestOptions): Promise<TokenSet> {
  const { profile, config, grant } = options;
  const fields = config as unknown as Record<string, unknown>;
  const clientId = String(fields[profile.clientIdField] ?? '');
  const clientSecret = String(fields[profile.clientSecretField] ?? '');
  const exchange = grant.type === 'exchange' ? profile.exchange : undefined;
  if (grant.type === 'exchange' && !exchange) throw new Error(`${channelLabel(config)}: the profile has no token exchange`);
  const renew = grant.type === 'renew_refresh_token' ? profile.renewRefreshToken : undefined;
  if (grant.type === 'renew_refresh_token' && !renew) throw new Error(`${channelLabel(config)}: the profile has no refresh-token renewal`);
  // Which requests carry the secret is sendsClientSecret's one rule (Douyin's refresh and renewal
  // do not); a renewal takes no grant_type either.
  const params = new URLSearchParams({ [profile.clientIdParam]: clientId });
  if (sendsClientSecret(profile, grant.type)) params.set(profile.clientSecretParam, clientSecret);
  if (!renew) params.set('grant_type', exchange?.grantType ?? grant.type);
  let secret: string;
  if (grant.type === 'renew_refresh_token') {
    params.set('refresh_token', grant.tokens.refreshToken);
    secret = grant.tokens.refreshToken;
  } else if (grant.type === 'authorization_code') {
    params.set('code', grant.code);
    params.set('redirect_uri', grant.redirectUri);
    if (grant.codeVerifier !== undefined) params.set('code_verifier', grant.codeVerifier);
    secret = grant.code;
  } else if (grant.type === 'refresh_token') {
    params.set('refresh_token', grant.refreshToken);
    secret = grant.refreshToken;
  } else {
    params.set(exchange!.tokenParam, grant.accessToken);
    secret = grant.accessToken;
  }
  const path = exchange?.path ?? renew?.path ?? (grant.type === 'refresh_token' ? (profile.refreshPath ?? profile.tokenPath) : profile.tokenPath);
  const url = oauthUrl(profile, config, 'token', path);
  const context: SendContext = { ...options.context };
  const secrets = [clientSecret, secret, ...(grant.type === 'renew_refresh_token' ? [grant.tokens.accessToken] : [])];
  const scope = { label: channelLabel(config), secrets, context };
  let body: Buffer | undefined;
  if (profile.tokenParamsIn === 'query' || exchange?.method === 'GET') {
    for (const [name, value] of params) url.searchParams.set(name, value);
  } else {
    body = Buffer.from(params.toString(), 'utf8');
  }
  const response = await httpRequest({
    url,
    method: exchange?.method ?? 'POST',
    // A token request posts nothing anyone sees: a retry after a lost answer is harmless.
    postsNothing: true,
    ...(body ? { body: { contentType: 'application/x-www-form-urlencoded', length: body.length, chunks: async function* () { yield body; } } } : {}),
  }, scope);
  const hide = (text: string) => redactSecrets(text, [...secrets, ...tokenValues(response.text)]);
  if (response.status === 429 || response.status >= 500) {
    throw new ChannelError(`${scope.label}: the token endpoint answered HTTP ${response.status}`, { retryable: true });
  }
  const json = parseJsonObject(response.text);
  if (response.status >= 200 && response.status < 300 && json) {
    try {
      const now = options.context.now();
      return renew && grant.type === 'renew_refresh_token' ? { ...grant.tokens, ...renew.parse(json, now) } : profile.parseTokens(json, now);
    } catch (error) {
      throw new TokenRefusedError(hide(`${scope.label}: the token endpoint refused: ${(error as Error).message}`), undefined, error instanceof TokenAnswerError && error.appRefused);
    }
  }
  const said = json ? [json.error, json.error_description ?? json.description ?? json.message].filter((v) => typeof v === 'string').join(': ') : '';
  throw new TokenRefusedError(hide(`${scope.label}: the token endpoint refused (HTTP ${response.status}${said ? `: ${said}` : `: ${summarizeBody(response.text)}`})`),
    typeof json?.error === 'string' ? json.error : undefined);
}

/** Token-looking values in an answer (to redact them even from an error answer that echoes them). */
function tokenValues(text: string): string[] {
  return [...text.matchAll(/"(?:access_token|refresh_token|id_token)"\s*:\s*"([^"]+)"/g)].map((m) => m[1]!);
}
