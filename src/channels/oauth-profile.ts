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
  /** Turns the token endpoint's JSON into a TokenSet; `now` for relative expiries; throws on an error answer. */
  parseTokens(json: unknown, now: Date): TokenSet;
}
