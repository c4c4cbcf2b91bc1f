// Where one of a platform's OAuth or API endpoints is: the channel's `api:` base (a proxy, or a
// loopback fake in tests) replaces every host of the service, and the paths stay the real ones.
import type { OAuthProfile } from '../channels/oauth-profile.ts';

/** The URL of `path` on the service's `host` (authorize, token, api, upload), or on the channel's `api:` base. */
export function oauthUrl(profile: OAuthProfile, config: object, host: keyof OAuthProfile['hosts'], path: string): URL {
  const api = (config as { api?: unknown }).api;
  const base = typeof api === 'string' && api !== '' ? api : (profile.hosts[host] ?? profile.hosts.api);
  // A base with a path of its own (a proxy's prefix) keeps it: `https://proxy/yt` + `/token`.
  return new URL(`${base.replace(/\/+$/, '')}${path}`);
}
