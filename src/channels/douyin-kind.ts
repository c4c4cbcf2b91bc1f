// Douyin open platform (https://developer.open-douyin.com/): the video is uploaded (in parts above
// 128 MB) and posted with create_video for the connected user (open_id). Posting for a user
// (`video.create.bind`, 代用户发布) is granted only to approved website apps of an enterprise,
// government or institution developer; other apps get the scope refused (said so in the error).
import { z } from 'zod';
import { defineChannelKind } from './channel-kind.ts';
import type { TokenSet } from './oauth-profile.ts';
import { secretField } from './secret-field.ts';
import { TokenAnswerError } from './token-answer-error.ts';

export const douyinKind = defineChannelKind({
  type: 'douyin',
  label: 'Douyin account',
  fields: {
    clientKey: z.string().min(1).meta({ description: 'Client Key of your Douyin open-platform website app (an approved enterprise app)' }),
    clientSecret: secretField('Douyin client secret'),
    api: z.string().url().optional().meta({ description: 'Base URL replacing open.douyin.com (authorization, token, API, upload); for proxies and tests' }),
  },
  limits: {
    // create_video's `text` (the title, topics and @mentions inline) has no documented limit;
    // third-party clients cut at 55 characters, Douyin's web creator takes 30 for a title: 55 is
    // kept so that a too-long text is refused at schedule time rather than cut by the service.
    textLimit: 55, limitUnit: 'chars',
    // Documented (upload_video, research/uploads.md 4.3): single upload ≤ 128 MB and ≤ 15 min,
    // chunked up to 4 GB (decimal: safe side).
    maxVideoBytes: 4_000_000_000, maxVideoSeconds: 900,
    source: 'Douyin open platform, as research/uploads.md 4.3-4.4 cites it: developer.open-douyin.com/docs/resource/zh-CN/dop/develop/openapi/video-management/douyin/create-video/upload-video (documented: ≤ 4 GB in parts, ≤ 128 MB in one request, ≤ 15 min); create-video gives no limit for `text` (55 is promo\'s, see assumed)',
    assumed: { textLimit: 'Douyin documents no limit for create_video\'s text; 55 characters is what third-party clients keep to, so the platform may take more' },
  },
  example: { clientKey: 'awx1234567890abcd', clientSecret: '${DOUYIN_CLIENT_SECRET}' },
  oauth: {
    // https://developer.open-douyin.com/docs/resource/zh-CN/dop/develop/openapi/account-permission/get-access-token
    hosts: { authorize: 'https://open.douyin.com', token: 'https://open.douyin.com', api: 'https://open.douyin.com', upload: 'https://open.douyin.com' },
    authorizePath: '/platform/oauth/connect/',
    tokenPath: '/oauth/access_token/',
    refreshPath: '/oauth/refresh_token/',
    // https://developer.open-douyin.com/docs/resource/zh-CN/dop/develop/openapi/account-permission/refresh-access-token
    // (research/uploads.md 4.2): client_key, grant_type=refresh_token and refresh_token; no client_secret.
    refreshSendsSecret: false,
    // user_info names the account; video.create.bind posts for it; video.data.bind reads the
    // post's review state and share URL (video_data).
    scopes: ['user_info', 'video.create.bind', 'video.data.bind'],
    scopeSeparator: ',',
    clientIdParam: 'client_key',
    clientSecretParam: 'client_secret',
    clientIdField: 'clientKey',
    clientSecretField: 'clientSecret',
    pkce: 'none',
    // A refresh gives a new access token (15 days); the refresh token (30 days) is renewed by a
    // separate call (renew_refresh_token, at most 5 times), not rotated by the refresh.
    rotatesRefreshToken: false,
    // https://developer.open-douyin.com/docs/resource/zh-CN/dop/develop/openapi/account-permission/refresh-token
    // (research/uploads.md 4.2): client_key and refresh_token; a new 30-day token, the old one
    // invalidated, at most 5 renewals. Renewed 5 days before its end, not earlier: each renewal
    // then adds ~25 days (~155 days in all before a reconnect, against ~105 renewing at 15 days
    // left), and the daemon looks hourly, so 5 days leave ample time for a daemon that was down.
    renewRefreshToken: { path: '/oauth/renew_refresh_token/', aheadSeconds: 5 * 86_400, parse: parseDouyinRenewal },
    parseTokens: parseDouyinTokens,
    // user_info scope: POST /oauth/userinfo/ (access_token, open_id) → data.nickname.
    async describeAccount({ apiBase, accessToken, accountId, signal }) {
      if (!accountId) return {};
      const body = new URLSearchParams({ access_token: accessToken, open_id: accountId });
      const answer = await fetch(`${apiBase.replace(/\/+$/, '')}/oauth/userinfo/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, signal });
      const data = ((await answer.json()) as { data?: { error_code?: number; nickname?: string; open_id?: string } }).data;
      if (!data || Number(data.error_code ?? 0) !== 0) return {};
      return { ...(data.open_id ? { id: data.open_id } : {}), ...(data.nickname ? { name: data.nickname } : {}) };
    },
  },
});

// Douyin's error codes that refuse the app's request itself, not the account's grant: 10003 check
// client_key, 10005 a parameter missing (promo always sends the refresh token: the client_key),
// 10013 client_key or client_secret wrong, 10014 client_key does not match (research/uploads.md
// 4.2; open-platform status codes). Fixed in config.yaml; connecting the account again would not help.
const APP_REFUSED = new Set([10003, 10005, 10013, 10014]);

// renew_refresh_token's answer: {data: {refresh_token, expires_in, error_code, description}};
// 10010 the refresh token has expired, 10020 renewed 5 times already, 10004 the app lacks the permission.
function parseDouyinRenewal(json: unknown, now: Date): { refreshToken: string; refreshExpiresAt: string } {
  const answer = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const data = (typeof answer.data === 'object' && answer.data !== null ? answer.data : answer) as Record<string, unknown>;
  const code = Number(data.error_code ?? 0);
  if (code !== 0) throw new TokenAnswerError(`Douyin refused to renew the refresh token (${code}: ${String(data.description ?? answer.message ?? 'no description')})`, APP_REFUSED.has(code));
  if (typeof data.refresh_token !== 'string' || data.refresh_token === '') throw new Error('Douyin\'s renewal answer has no refresh_token');
  const seconds = typeof data.expires_in === 'number' ? data.expires_in : 30 * 86_400;
  return { refreshToken: data.refresh_token, refreshExpiresAt: new Date(now.getTime() + seconds * 1000).toISOString() };
}

// Douyin's token answer: {data: {access_token, expires_in, refresh_token, refresh_expires_in,
// open_id, scope, error_code, description}, message}. error_code 0 is success.
function parseDouyinTokens(json: unknown, now: Date): TokenSet {
  const answer = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const data = (typeof answer.data === 'object' && answer.data !== null ? answer.data : answer) as Record<string, unknown>;
  const code = Number(data.error_code ?? 0);
  if (code !== 0) throw new TokenAnswerError(`Douyin refused the token request (${code}: ${String(data.description ?? answer.message ?? 'no description')})`, APP_REFUSED.has(code));
  if (typeof data.access_token !== 'string' || data.access_token === '') throw new Error('Douyin\'s token answer has no access_token');
  const at = (seconds: unknown, fallback: number) => new Date(now.getTime() + (typeof seconds === 'number' ? seconds : fallback) * 1000).toISOString();
  return {
    accessToken: data.access_token,
    ...(typeof data.refresh_token === 'string' && data.refresh_token !== '' ? { refreshToken: data.refresh_token, refreshExpiresAt: at(data.refresh_expires_in, 30 * 86_400) } : {}),
    expiresAt: at(data.expires_in, 15 * 86_400),
    ...(typeof data.scope === 'string' ? { scopes: data.scope.split(',').filter(Boolean) } : {}),
    ...(typeof data.open_id === 'string' ? { accountId: data.open_id } : {}),
  };
}
