// A generic OAuth profile for the accounts tests (the platform kinds bring their own): it reads
// the fake's default flat token answer, as Google and TikTok answer.
import type { OAuthProfile, TokenSet } from '../../src/channels/oauth-profile.ts';
import type { ChannelConfig } from '../../src/publish/channel-types.ts';
import type { FakeOAuth } from '../helpers/fake-oauth-server.ts';

/** A profile whose paths and PKCE match `startFakeOAuth`'s options. */
export function testProfile(overrides: Partial<OAuthProfile> = {}): OAuthProfile {
  return {
    hosts: { authorize: 'https://accounts.example.invalid', token: 'https://token.example.invalid', api: 'https://api.example.invalid' },
    authorizePath: '/o/oauth2/v2/auth',
    tokenPath: '/token',
    scopes: ['video.upload', 'video.read'],
    scopeSeparator: ' ',
    clientIdParam: 'client_id',
    clientSecretParam: 'client_secret',
    clientIdField: 'clientId',
    clientSecretField: 'clientSecret',
    pkce: 'S256',
    rotatesRefreshToken: false,
    parseTokens(json: unknown, now: Date): TokenSet {
      const answer = json as Record<string, unknown>;
      if (typeof answer.access_token !== 'string') throw new Error(`no access_token in the answer (${String(answer.error ?? 'unknown error')})`);
      return {
        accessToken: answer.access_token,
        refreshToken: typeof answer.refresh_token === 'string' ? answer.refresh_token : undefined,
        expiresAt: new Date(now.getTime() + Number(answer.expires_in) * 1000).toISOString(),
        refreshExpiresAt: typeof answer.refresh_expires_in === 'number' ? new Date(now.getTime() + answer.refresh_expires_in * 1000).toISOString() : undefined,
        scopes: typeof answer.scope === 'string' ? answer.scope.split(/[ ,]/).filter(Boolean) : undefined,
        accountId: typeof answer.open_id === 'string' ? answer.open_id : undefined,
      };
    },
    ...overrides,
  };
}

/** A channel config pointing at `fake`, with its client credentials (type: a platform kind's, for labels). */
export function testChannelConfig(fake: FakeOAuth, name = 'shorts', type = 'youtube'): ChannelConfig {
  return { type, name, api: fake.url, clientId: fake.options.clientId, clientSecret: fake.options.clientSecret } as unknown as ChannelConfig;
}
