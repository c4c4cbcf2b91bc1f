// TikTok Content Posting API, Direct Post (https://developers.tiktok.com/doc/content-posting-api-reference-direct-post):
// creator_info/query, video/init with FILE_UPLOAD, the file PUT in chunks, status/fetch until the
// post is published. Accounts connect with TikTok's Login Kit for Desktop (loopback redirect, PKCE
// with a hex SHA-256 challenge, refresh tokens that rotate).
import { z } from 'zod';
import { defineChannelKind } from './channel-kind.ts';
import type { OAuthProfile } from './oauth-profile.ts';
import { parseTiktokTokens } from './parse-tiktok-tokens.ts';
import { secretField } from './secret-field.ts';

/** Every privacy_level TikTok knows; creator_info says which of them an account may use. */
export const TIKTOK_PRIVACY_LEVELS = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'] as const;

/** TikTok's Login Kit for Desktop, as the account code follows it. */
export const TIKTOK_OAUTH: OAuthProfile = {
  // https://developers.tiktok.com/doc/login-kit-desktop/ , /doc/oauth-get-a-user-access-token
  hosts: { authorize: 'https://www.tiktok.com', token: 'https://open.tiktokapis.com', api: 'https://open.tiktokapis.com', upload: 'https://open-upload.tiktokapis.com' },
  authorizePath: '/v2/auth/authorize/',
  tokenPath: '/v2/oauth/token/',
  // video.publish: creator_info, video/init, status/fetch; user.info.basic: the account's open_id and name.
  scopes: ['user.info.basic', 'video.publish'],
  scopeSeparator: ',',
  clientIdParam: 'client_key',
  clientSecretParam: 'client_secret',
  clientIdField: 'clientKey',
  clientSecretField: 'clientSecret',
  // Desktop apps: PKCE is required and the code_challenge is the HEX SHA-256 of the verifier
  // (not base64url as in RFC 7636); the wrong one fails "Code verifier or code challenge is invalid".
  pkce: 'S256-hex',
  // "The previous refresh token stops working once a new one is issued"
  // (https://developers.tiktok.com/doc/oauth-user-access-token-management).
  rotatesRefreshToken: true,
  parseTokens: parseTiktokTokens,
  // user.info.basic: open_id and display_name (https://developers.tiktok.com/doc/tiktok-api-v2-get-user-info).
  async describeAccount({ apiBase, accessToken, signal }) {
    const url = `${apiBase.replace(/\/+$/, '')}/v2/user/info/?fields=open_id,display_name`;
    const answer = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` }, signal });
    const user = ((await answer.json()) as { data?: { user?: { open_id?: string; display_name?: string } } }).data?.user;
    return { ...(user?.open_id ? { id: user.open_id } : {}), ...(user?.display_name ? { name: user.display_name } : {}) };
  },
};

export const tiktokKind = defineChannelKind({
  type: 'tiktok',
  label: 'TikTok account',
  fields: {
    clientKey: z.string().min(1).meta({ description: 'Client key of your TikTok developer app (Content Posting API, Direct Post)' }),
    clientSecret: secretField('TikTok client secret'),
    // SELF_ONLY by default: an app before TikTok's audit may post nothing else.
    privacy: z.enum(TIKTOK_PRIVACY_LEVELS).default('SELF_ONLY')
      .meta({ description: "post_info.privacy_level; must be one of the account's privacy_level_options (checked at send time)" }),
    disableComment: z.boolean().default(false).meta({ description: 'post_info.disable_comment' }),
    disableDuet: z.boolean().default(false).meta({ description: 'post_info.disable_duet' }),
    disableStitch: z.boolean().default(false).meta({ description: 'post_info.disable_stitch' }),
    api: z.string().url().optional().meta({ description: 'Base URL replacing every TikTok host (authorization, token, API, upload); for proxies and tests' }),
  },
  limits: {
    // post_info.title is the caption: "The maximum length is 2200 in UTF-16 runes" (direct post
    // reference). TikTok video posts have no title apart from it: the post's text is sent there.
    textLimit: 2200, limitUnit: 'chars',
    // Media transfer guide: at most 4 GB; duration at most 10 minutes through the API, and for
    // each creator creator_info's max_video_post_duration_sec (checked at send time). 3 s minimum:
    // ../shared/PLATFORMS.md.
    maxVideoBytes: 4_000_000_000,
    minVideoSeconds: 3,
    maxVideoSeconds: 600,
    // video/init: "6 requests per minute per user access_token" (direct post reference).
    rate: [{ messages: 6, seconds: 60 }],
    source: 'TikTok Content Posting API: developers.tiktok.com/doc/content-posting-api-reference-direct-post (title, rate), /doc/content-posting-api-media-transfer-guide (size, duration, chunks)',
  },
  example: { clientKey: 'awx1y2z3example', clientSecret: '${TIKTOK_CLIENT_SECRET}', privacy: 'SELF_ONLY' },
  oauth: TIKTOK_OAUTH,
});
