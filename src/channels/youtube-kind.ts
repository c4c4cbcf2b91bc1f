// YouTube Data API v3 (https://developers.google.com/youtube/v3): Shorts uploaded with the
// resumable videos.insert protocol, the cover set with thumbnails.set. Accounts connect with
// Google's OAuth 2.0 for installed apps (loopback redirect, PKCE S256, client secret still sent).
import { z } from 'zod';
import { defineChannelKind } from './channel-kind.ts';
import type { OAuthProfile, TokenSet } from './oauth-profile.ts';
import { secretField } from './secret-field.ts';

const SCOPE = 'https://www.googleapis.com/auth/';

/** Google's hosts for YouTube (https://developers.google.com/identity/protocols/oauth2/native-app, /youtube/v3/docs). */
export const YOUTUBE_HOSTS = { authorize: 'https://accounts.google.com', token: 'https://oauth2.googleapis.com', api: 'https://www.googleapis.com', upload: 'https://www.googleapis.com' } as const;

/** Google's OAuth 2.0 for installed apps (https://developers.google.com/identity/protocols/oauth2/native-app). */
export const YOUTUBE_OAUTH: OAuthProfile = {
  hosts: YOUTUBE_HOSTS,
  authorizePath: '/o/oauth2/v2/auth',
  tokenPath: '/token',
  // youtube.upload covers videos.insert and thumbnails.set; reading the video's status and
  // processing (videos.list) needs youtube.readonly.
  scopes: [`${SCOPE}youtube.upload`, `${SCOPE}youtube.readonly`],
  scopeSeparator: ' ',
  clientIdParam: 'client_id',
  clientSecretParam: 'client_secret',
  clientIdField: 'clientId',
  clientSecretField: 'clientSecret',
  // A "Desktop app" client has a secret, and Google refuses the code exchange without it even
  // with PKCE (invalid_request: client_secret is missing): both are sent.
  pkce: 'S256',
  rotatesRefreshToken: false,
  // offline: a refresh token; consent: Google gives the refresh token only on a consent screen.
  authorizeParams: { access_type: 'offline', prompt: 'consent' },
  parseTokens: parseGoogleTokens,
  // channels.list?mine=true (youtube.readonly): the channel's id and title, for `promo accounts`.
  async describeAccount({ apiBase, accessToken, signal }) {
    const url = `${apiBase.replace(/\/+$/, '')}/youtube/v3/channels?part=snippet&mine=true`;
    const answer = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` }, signal });
    const json = (await answer.json()) as { items?: { id?: string; snippet?: { title?: string } }[] };
    const channel = json.items?.[0];
    return { ...(channel?.id ? { id: channel.id } : {}), ...(channel?.snippet?.title ? { name: channel.snippet.title } : {}) };
  },
};

export const youtubeKind = defineChannelKind({
  type: 'youtube',
  label: 'YouTube channel',
  fields: {
    clientId: z.string().min(1).meta({ description: 'OAuth client id of your Google Cloud project ("Desktop app" client)' }),
    clientSecret: secretField('YouTube OAuth client secret'),
    privacy: z.enum(['public', 'unlisted', 'private']).default('public').meta({ description: 'What the video becomes at the due time' }),
    category: z.string().regex(/^\d+$/, { error: 'a YouTube category id such as "22" (People & Blogs)' }).default('22')
      .meta({ description: 'snippet.categoryId (videoCategories.list gives the ones of your region)' }),
    madeForKids: z.boolean().default(false).meta({ description: 'status.selfDeclaredMadeForKids' }),
    // The shape of a duration only: channels/ sits beside time/, which parses it (publish/youtube-config.ts).
    lead: z.union([z.number().nonnegative(), z.string().regex(/^(\d+(\.\d+)?(ms|s|m|h|d))+$|^\d+(\.\d+)?$/, { error: 'a duration such as 2h, 90m or 1h30m' })]).default('2h')
      .meta({ description: 'How long before the due time to upload (private, with status.publishAt = the due time)' }),
    api: z.string().url().optional().meta({ description: 'Base URL replacing every Google host (authorization, token, API, upload); for proxies and tests' }),
  },
  limits: {
    // snippet.description: 5000 bytes; snippet.title: 100 characters, no < or >; snippet.tags: 500
    // characters together (https://developers.google.com/youtube/v3/docs/videos#properties).
    textLimit: 5000, limitUnit: 'bytes',
    titleLimit: 100, titleForbidden: ['<', '>'],
    tagsLimit: 500,
    // 256 GB per upload (videos.insert, "Maximum file size"); decimal, the safe side.
    maxVideoBytes: 256_000_000_000,
    // thumbnails.set: "Maximum file size: 2MB".
    maxCoverBytes: 2_000_000,
    // promo posts Shorts: up to 3 minutes, vertical or square (https://support.google.com/youtube/answer/15424877).
    maxVideoSeconds: 180,
    source: 'YouTube Data API v3: developers.google.com/youtube/v3/docs/videos#properties, /docs/videos/insert, /docs/thumbnails/set; Shorts: support.google.com/youtube/answer/15424877',
  },
  example: { clientId: '1234567890-abc123.apps.googleusercontent.com', clientSecret: '${YOUTUBE_CLIENT_SECRET}', privacy: 'public', lead: '2h' },
  oauth: YOUTUBE_OAUTH,
});

// Google's token answer: access_token, expires_in (s), refresh_token (first consent only; a
// refresh answer usually has none, and the old one stays valid), scope (space-separated).
function parseGoogleTokens(json: unknown, now: Date): TokenSet {
  const answer = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  if (typeof answer.error === 'string') {
    const said = typeof answer.error_description === 'string' ? `: ${answer.error_description}` : '';
    throw new Error(`Google refused the token request (${answer.error}${said})`);
  }
  if (typeof answer.access_token !== 'string' || answer.access_token === '') throw new Error('Google\'s token answer has no access_token');
  const expiresIn = typeof answer.expires_in === 'number' ? answer.expires_in : 3600;
  return {
    accessToken: answer.access_token,
    ...(typeof answer.refresh_token === 'string' && answer.refresh_token !== '' ? { refreshToken: answer.refresh_token } : {}),
    expiresAt: new Date(now.getTime() + expiresIn * 1000).toISOString(),
    ...(typeof answer.refresh_token_expires_in === 'number' ? { refreshExpiresAt: new Date(now.getTime() + answer.refresh_token_expires_in * 1000).toISOString() } : {}),
    ...(typeof answer.scope === 'string' ? { scopes: answer.scope.split(' ').filter(Boolean) } : {}),
  };
}
