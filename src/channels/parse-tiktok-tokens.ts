// TikTok's token answer (https://developers.tiktok.com/doc/oauth-get-a-user-access-token):
// open_id, scope (comma-separated), access_token, expires_in, refresh_token, refresh_expires_in.
// Both lifetimes are read from the answer: TikTok's pages disagree (24 h / 365 d, then 2 h / 180 d).
import type { TokenSet } from './oauth-profile.ts';

/** Turns TikTok's token endpoint JSON into a TokenSet; throws on its flat error answer. */
export function parseTiktokTokens(json: unknown, now: Date): TokenSet {
  const answer = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  if (typeof answer.error === 'string' && answer.error !== '' && answer.error !== 'ok') {
    const said = typeof answer.error_description === 'string' && answer.error_description ? `: ${answer.error_description}` : '';
    throw new Error(`TikTok refused the token request (${answer.error}${said})`);
  }
  if (typeof answer.access_token !== 'string' || answer.access_token === '') throw new Error("TikTok's token answer has no access_token");
  // 2 hours when the answer does not say: the shortest lifetime TikTok documents.
  const expiresIn = typeof answer.expires_in === 'number' ? answer.expires_in : 7200;
  const at = (seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();
  return {
    accessToken: answer.access_token,
    ...(typeof answer.refresh_token === 'string' && answer.refresh_token !== '' ? { refreshToken: answer.refresh_token } : {}),
    expiresAt: at(expiresIn),
    ...(typeof answer.refresh_expires_in === 'number' ? { refreshExpiresAt: at(answer.refresh_expires_in) } : {}),
    ...(typeof answer.scope === 'string' ? { scopes: answer.scope.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
    ...(typeof answer.open_id === 'string' && answer.open_id !== '' ? { accountId: answer.open_id } : {}),
  };
}
