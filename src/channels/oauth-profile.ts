// How a video platform's OAuth 2.0 authorization-code flow differs from the next one's: data the
// generic account code (src/accounts/) follows, declared by each platform kind beside its schema.

/** Tokens as one platform's token endpoint answered them, in one shape. */
export interface TokenSet {
  accessToken: string;
  /** Absent where the platform gives none (then the account must be connected again on expiry). */
  refreshToken?: string;
  /** ISO 8601, UTC. */
  expiresAt: string;
  refreshExpiresAt?: string;
  scopes?: string[];
  /** The account as the service names it (channel id, open_id, user id), when the answer says. */
  accountId?: string;
}

/** One platform's OAuth flavour. Paths are the real ones; hosts are replaced by a channel's `api:`. */
export interface OAuthProfile {
  /** The service's own hosts, used when the channel has no `api:`. */
  hosts: { authorize: string; token: string; api: string; upload?: string };
  authorizePath: string;
  tokenPath: string;
  /** Where refreshes go when not `tokenPath` (Douyin `/oauth/refresh_token/`). */
  refreshPath?: string;
  /**
   * Whether a refresh carries the client secret (default true). False for Douyin, whose
   * `oauth/refresh_token/` takes client_key, grant_type and refresh_token only: the secret is sent
   * nowhere it is not needed.
   */
  refreshSendsSecret?: boolean;
  /** Where the token endpoint takes its parameters: a form body (default), or the query string (Kuaishou). */
  tokenParamsIn?: 'body' | 'query';
  /** Scopes asked for, and how the authorization URL joins them. */
  scopes: readonly string[];
  scopeSeparator: ' ' | ',';
  /** The query/form name of the client id (`client_id`, TikTok's `client_key`, Kuaishou's `app_id`). */
  clientIdParam: string;
  clientSecretParam: string;
  /** Config fields of the channel that hold the client id and the client secret. */
  clientIdField: string;
  clientSecretField: string;
  /** PKCE: S256 (base64url digest, RFC 7636), S256-hex (TikTok desktop: hex digest), or none. */
  pkce: 'S256' | 'S256-hex' | 'none';
  /** Whether the refresh answer carries a new refresh token that replaces (invalidates) the old one. */
  rotatesRefreshToken: boolean;
  /** Extra authorization-URL parameters (Google: access_type=offline, prompt=consent). */
  authorizeParams?: Readonly<Record<string, string>>;
  /**
   * The account's name and id as the service reports them, asked once a token is in hand
   * (optional); `warnings`: what the service says that decides what viewers will see (TikTok's
   * privacy_level_options holding only SELF_ONLY: an app before its audit), shown by `promo accounts`.
   */
  describeAccount?(request: AccountRequest): Promise<{ id?: string; name?: string; warnings?: string[] }>;
  /**
   * A second request after the code exchange that trades the short-lived access token for a
   * long-lived one (Facebook: `GET path?grant_type=fb_exchange_token&client_id&client_secret&fb_exchange_token=<token>`,
   * on the token host); its answer goes through `parseTokens` too. For services without refresh tokens.
   */
  exchange?: { method: 'GET' | 'POST'; path: string; grantType: string; tokenParam: string };
  /**
   * A refresh token that refreshing does not extend, renewed by a call of its own (Douyin:
   * `POST path` with the client id and the refresh token; the old one stops working). promo renews
   * it when it has less than `aheadSeconds` left (or its end is not known) as it uses the account.
   */
  renewRefreshToken?: { path: string; aheadSeconds: number; parse(json: unknown, now: Date): { refreshToken: string; refreshExpiresAt: string } };
  /** Turns the token endpoint's JSON into a TokenSet; `now` for relative expiries; throws on an error answer. */
  parseTokens(json: unknown, now: Date): TokenSet;
}

/** What `describeAccount` gets: the API base (a channel's `api:` or the service's host), a token, a signal. */
export interface AccountRequest {
  apiBase: string;
  accessToken: string;
  /** The app's client id (Kuaishou's user_info wants its app_id). */
  clientId: string;
  /** The account id the token answer gave (Douyin's open_id), when it did. */
  accountId?: string;
  signal: AbortSignal;
}
