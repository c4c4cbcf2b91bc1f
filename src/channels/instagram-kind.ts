// Instagram Graph API, Reels (https://developers.facebook.com/docs/instagram-platform/content-publishing/):
// a REELS container uploaded with the resumable protocol (rupload), polled until FINISHED, then
// media_publish at the due time. Accounts connect with Facebook Login for Business (the only login
// the resumable upload is documented for); Facebook gives no refresh token, so the short-lived user
// token is traded for a long-lived one (about 60 days), after which the account is connected again.
import { z } from 'zod';
import { defineChannelKind } from './channel-kind.ts';
import type { AccountRequest, TokenSet } from './oauth-profile.ts';
import { secretField } from './secret-field.ts';

/** The Graph API version promo's paths name (Meta keeps each version for about two years). */
export const INSTAGRAM_GRAPH_VERSION = 'v23.0';

export const instagramKind = defineChannelKind({
  type: 'instagram',
  label: 'Instagram account',
  fields: {
    appId: z.string().regex(/^\d+$/, { error: 'the numeric App ID from developers.facebook.com → your app → App settings → Basic' })
      .meta({ description: 'Meta app id (App settings → Basic)' }),
    appSecret: secretField('Instagram (Meta) app secret'),
    accountId: z.string().regex(/^\d+$/, { error: 'the numeric Instagram professional account id (IG user id), e.g. 17841400000000000' })
      .meta({ description: 'IG user id of the professional account the Reels go to' }),
    shareToFeed: z.boolean().default(true).meta({ description: 'share_to_feed: show the Reel in the feed too, not only in the Reels tab' }),
    api: z.string().url().optional().meta({ description: 'Base URL replacing every Meta host (facebook.com login, graph, rupload); for proxies and tests' }),
  },
  limits: {
    // IG User media reference: caption at most 2200 characters, 30 hashtags (and 20 @ tags).
    textLimit: 2200, limitUnit: 'chars', maxHashtags: 30,
    // Reels specifications: 3 s to 15 min; 300 MB (the figure the resumable guide's Reels spec gives;
    // some pages say 1 GB: the smaller one is the safe side). cover_url: JPEG up to 8 MB.
    minVideoSeconds: 3, maxVideoSeconds: 900, maxVideoBytes: 300_000_000, maxCoverBytes: 8_000_000,
    // content_publishing_limit: quota_total "currently 50" per 24 h (the guide's Limitations says
    // 100, older pages 25); containers: 400 per 24 h. The reference's 50 is used.
    rate: [{ messages: 50, seconds: 86_400 }],
    source: 'Instagram Platform: developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media (caption, hashtags, Reels specs), /content-publishing/resumable-uploads, /reference/ig-user/content_publishing_limit',
  },
  example: { appId: '1234567890123456', appSecret: '${INSTAGRAM_APP_SECRET}', accountId: '17841400000000000' },
  oauth: {
    // https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow
    hosts: { authorize: 'https://www.facebook.com', token: 'https://graph.facebook.com', api: 'https://graph.facebook.com', upload: 'https://rupload.facebook.com' },
    authorizePath: `/${INSTAGRAM_GRAPH_VERSION}/dialog/oauth`,
    tokenPath: `/${INSTAGRAM_GRAPH_VERSION}/oauth/access_token`,
    // instagram_content_publish posts; instagram_basic reads the account and the media's permalink;
    // pages_read_engagement because the IG account is reached through its Facebook Page.
    scopes: ['instagram_basic', 'instagram_content_publish', 'pages_read_engagement'],
    scopeSeparator: ',',
    clientIdParam: 'client_id',
    clientSecretParam: 'client_secret',
    clientIdField: 'appId',
    clientSecretField: 'appSecret',
    // The code flow with the app secret; Meta's PKCE variant (OIDC) is documented as still in testing.
    pkce: 'none',
    rotatesRefreshToken: false,
    // https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived
    exchange: { method: 'GET', path: `/${INSTAGRAM_GRAPH_VERSION}/oauth/access_token`, grantType: 'fb_exchange_token', tokenParam: 'fb_exchange_token' },
    parseTokens: parseFacebookTokens,
    describeAccount: describeInstagramAccounts,
  },
});

// The Instagram professional accounts the login reaches, through the Pages it manages
// (GET /me/accounts with each Page's instagram_business_account): one is the account; none, or
// several, is said in `promo accounts` (accountId must be one of them).
async function describeInstagramAccounts({ apiBase, accessToken, signal }: AccountRequest): Promise<{ id?: string; name?: string; warnings?: string[] }> {
  const url = `${apiBase.replace(/\/+$/, '')}/${INSTAGRAM_GRAPH_VERSION}/me/accounts?fields=name,instagram_business_account%7Bid,username%7D`;
  const answer = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` }, signal });
  if (!answer.ok) return {};
  const pages = ((await answer.json()) as { data?: { name?: string; instagram_business_account?: { id?: string; username?: string } }[] }).data ?? [];
  const accounts = pages.flatMap((page) => (page.instagram_business_account?.id ? [{ id: page.instagram_business_account.id, name: `@${page.instagram_business_account.username ?? '?'}`, page: page.name ?? '?' }] : []));
  if (accounts.length === 1) return { id: accounts[0]!.id, name: accounts[0]!.name };
  if (accounts.length === 0) return { warnings: ['no Instagram professional account is linked to the Facebook Pages this login manages: link one (Instagram app → Settings → Account type) and connect again'] };
  return { warnings: [`this login reaches several Instagram accounts (${accounts.map((account) => `${account.id} ${account.name} via ${account.page}`).join('; ')}): accountId in config.yaml says which one posts`] };
}

// Facebook's token answer: access_token, token_type, expires_in (s; absent for tokens that do not
// expire, which are then treated as 60-day tokens so `promo accounts` still says when to reconnect).
// No refresh token, ever. Errors: the Graph envelope {error: {message, type, code}}.
function parseFacebookTokens(json: unknown, now: Date): TokenSet {
  const answer = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const error = answer.error as { message?: unknown; code?: unknown } | undefined;
  if (error) throw new Error(`Facebook refused the token request (${String(error.code ?? '?')}: ${String(error.message ?? 'no message')})`);
  if (typeof answer.access_token !== 'string' || answer.access_token === '') throw new Error('Facebook\'s token answer has no access_token');
  const expiresIn = typeof answer.expires_in === 'number' ? answer.expires_in : 60 * 86_400;
  return { accessToken: answer.access_token, expiresAt: new Date(now.getTime() + expiresIn * 1000).toISOString() };
}
