// Kuaishou open platform (https://open.kuaishou.com/platform/openApi): start_upload → the video to
// the upload endpoint it names (whole, or in fragments) → publish with caption and cover, for the
// connected user. Publishing for users (`user_video_publish`) needs the scope approved for the app
// in the Kuaishou open-platform console.
import { z } from 'zod';
import { defineChannelKind } from './channel-kind.ts';
import type { TokenSet } from './oauth-profile.ts';
import { secretField } from './secret-field.ts';

export const kuaishouKind = defineChannelKind({
  type: 'kuaishou',
  label: 'Kuaishou account',
  fields: {
    appId: z.string().min(1).meta({ description: 'App ID of your Kuaishou open-platform app (ks…)' }),
    appSecret: secretField('Kuaishou app secret'),
    api: z.string().url().optional().meta({ description: 'Base URL replacing open.kuaishou.com and the upload endpoint start_upload names (paths stay); for proxies and tests' }),
  },
  limits: {
    // The open-platform publish doc (apifox mirror) gives no caption limit; 500 characters is
    // what promo holds texts to so that a long one is refused at schedule time (?: unverified).
    textLimit: 500, limitUnit: 'chars',
    // A cover under 10 MB: promo's safe side; research/uploads.md (section 5) gives no size for
    // publish's `cover` file.
    maxCoverBytes: 10_000_000,
    source: 'Kuaishou open platform, as research/uploads.md 5 cites it: open.kuaishou.com/platform/openApi (photo/start_upload, upload, photo/publish; apifox.com/apidoc/docs-site/462993 mirror): documents the flow and the required cover, no caption, cover or video limit (the figures here are promo\'s, see assumed)',
    assumed: {
      textLimit: 'Kuaishou documents no caption limit for photo/publish; 500 characters is promo\'s own, so the platform may take more',
      maxCoverBytes: 'Kuaishou documents no cover size for photo/publish; promo keeps covers under 10 MB',
    },
  },
  example: { appId: 'ks123456789012345678', appSecret: '${KUAISHOU_APP_SECRET}' },
  oauth: {
    hosts: { authorize: 'https://open.kuaishou.com', token: 'https://open.kuaishou.com', api: 'https://open.kuaishou.com' },
    authorizePath: '/oauth2/authorize',
    tokenPath: '/oauth2/access_token',
    refreshPath: '/oauth2/refresh_token',
    // Kuaishou reads app_id, app_secret, code and grant_type from the query string.
    tokenParamsIn: 'query',
    scopes: ['user_info', 'user_video_publish'],
    scopeSeparator: ',',
    clientIdParam: 'app_id',
    clientSecretParam: 'app_secret',
    clientIdField: 'appId',
    clientSecretField: 'appSecret',
    pkce: 'none',
    // A refresh answers a new refresh token; it is kept in place of the old one either way.
    rotatesRefreshToken: true,
    // ua=pc: the web authorization page (not the app's).
    authorizeParams: { ua: 'pc' },
    parseTokens: parseKuaishouTokens,
    // user_info scope: GET /openapi/user_info?app_id&access_token → {result: 1, user_info: {name, …}}.
    async describeAccount({ apiBase, accessToken, clientId, signal }) {
      const url = new URL(`${apiBase.replace(/\/+$/, '')}/openapi/user_info`);
      url.search = new URLSearchParams({ app_id: clientId, access_token: accessToken }).toString();
      const answer = (await (await fetch(url, { signal })).json()) as { result?: number; user_info?: { name?: string } };
      return answer.result === 1 && answer.user_info?.name ? { name: answer.user_info.name } : {};
    },
  },
});

// Kuaishou's token answer: {result: 1, access_token, expires_in (48 h), refresh_token,
// refresh_token_expires_in (180 days), open_id, scopes: [...]}; result ≠ 1 with error_msg.
function parseKuaishouTokens(json: unknown, now: Date): TokenSet {
  const answer = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  if (answer.result !== 1) throw new Error(`Kuaishou refused the token request (${String(answer.result ?? '?')}: ${String(answer.error_msg ?? answer.error ?? 'no message')})`);
  if (typeof answer.access_token !== 'string' || answer.access_token === '') throw new Error('Kuaishou\'s token answer has no access_token');
  const at = (seconds: unknown, fallback: number) => new Date(now.getTime() + (typeof seconds === 'number' ? seconds : fallback) * 1000).toISOString();
  return {
    accessToken: answer.access_token,
    ...(typeof answer.refresh_token === 'string' && answer.refresh_token !== '' ? { refreshToken: answer.refresh_token, refreshExpiresAt: at(answer.refresh_token_expires_in, 180 * 86_400) } : {}),
    expiresAt: at(answer.expires_in, 48 * 3600),
    ...(Array.isArray(answer.scopes) ? { scopes: answer.scopes.filter((scope): scope is string => typeof scope === 'string') } : {}),
    ...(typeof answer.open_id === 'string' ? { accountId: answer.open_id } : {}),
  };
}
