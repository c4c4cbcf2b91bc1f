// `promo accounts connect <channel>`: the OAuth 2.0 authorization-code flow for installed apps
// (RFC 8252). promo listens on 127.0.0.1 (an IP literal: `localhost` may resolve to ::1 or be
// caught by a firewall, section 7.3) on a port the system picks, shows the authorization URL,
// and waits for the browser to come back with a code. PKCE (RFC 7636) as the platform's profile
// says; `state` must come back unchanged (else the redirect is someone else's, and refused); the
// code is exchanged once and the account stored in the credentials file.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OAuthProfile } from '../channels/oauth-profile.ts';
import type { ChannelConfig } from '../publish/channel-types.ts';
import { PromoError } from '../util/promo-error.ts';
import { channelLabel } from './channel-label.ts';
import type { AccountEntry, CredentialsFile } from './credentials-file.ts';
import { mergeTokens } from './merge-tokens.ts';
import { oauthUrl } from './oauth-url.ts';
import { requestTokens, TokenRefusedError } from './request-tokens.ts';
import { storeAccount } from './store-account.ts';

export interface ConnectAccountOptions {
  /** The channel's resolved config (client id and secret, `api:`). */
  config: ChannelConfig;
  profile: OAuthProfile;
  credentials: CredentialsFile;
  /** Shows the authorization URL to the person (and opens a browser where there is one). */
  show(url: string): void;
  signal: AbortSignal;
  /** How long to wait for the browser to come back (default 10 min). */
  timeoutMs?: number;
  now?: () => Date;
}

/** Runs the flow for one channel and stores the account; resolves to what was stored. */
export async function connectAccount(options: ConnectAccountOptions): Promise<AccountEntry> {
  const { config, profile } = options;
  const now = options.now ?? (() => new Date());
  const label = channelLabel(config);
  const fields = config as unknown as Record<string, unknown>;
  const state = randomBytes(24).toString('base64url');
  // 32 random bytes: a 43-character verifier, the shortest RFC 7636 allows and the most random per character.
  const verifier = randomBytes(32).toString('base64url');
  const digest = createHash('sha256').update(verifier).digest();
  const challenge = profile.pkce === 'S256-hex' ? digest.toString('hex') : digest.toString('base64url');

  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback/`;
  try {
    const url = oauthUrl(profile, config, 'authorize', profile.authorizePath);
    url.searchParams.set(profile.clientIdParam, String(fields[profile.clientIdField] ?? ''));
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('scope', profile.scopes.join(profile.scopeSeparator));
    url.searchParams.set('state', state);
    if (profile.pkce !== 'none') {
      url.searchParams.set('code_challenge', challenge);
      // TikTok's desktop flow also says S256; only the digest's encoding differs (hex).
      url.searchParams.set('code_challenge_method', 'S256');
    }
    for (const [name, value] of Object.entries(profile.authorizeParams ?? {})) url.searchParams.set(name, value);
    options.show(url.toString());

    return await new Promise<AccountEntry>((resolve, reject) => {
      const timer = setTimeout(() => finish(new PromoError('ACCOUNT_FAILED', `${label}: no answer from the browser within ${Math.round((options.timeoutMs ?? 600_000) / 60_000)} min`, {
        hint: `run \`promo accounts connect ${config.name}\` again and open the URL it prints`,
      })), options.timeoutMs ?? 600_000);
      const onAbort = () => finish(new PromoError('INTERRUPTED', `${label}: connecting was interrupted; nothing was stored`));
      options.signal.addEventListener('abort', onAbort, { once: true });
      let busy = false;
      function finish(outcome: Error | AccountEntry): void {
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      }
      server.on('request', (req, res) => {
        const got = new URL(req.url ?? '/', redirectUri);
        // Only the redirect counts; a browser also asks for /favicon.ico.
        if (req.method !== 'GET' || got.pathname !== '/callback/') return void res.writeHead(404).end();
        if (busy) return void res.writeHead(409, { 'content-type': 'text/plain; charset=utf-8' }).end('promo is already handling an answer; see the terminal.');
        const page = (status: number, text: string) => res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
        if (got.searchParams.get('state') !== state) {
          page(400, 'This answer does not belong to the request promo made (state does not match); nothing was stored.');
          return finish(new PromoError('ACCOUNT_FAILED', `${label}: the browser came back with a state that does not match this request (an old or forged redirect); nothing was stored`, {
            hint: `run \`promo accounts connect ${config.name}\` again and use only the URL it prints`,
          }));
        }
        const error = got.searchParams.get('error');
        const code = got.searchParams.get('code');
        if (error || !code) {
          const said = [error, got.searchParams.get('error_description')].filter(Boolean).join(': ') || 'no code in the answer';
          page(400, `The service did not grant access (${said}); nothing was stored.`);
          return finish(new PromoError('ACCOUNT_FAILED', `${label}: the service did not grant access (${said}); nothing was stored`));
        }
        busy = true;
        exchange(code).then((entry) => {
          page(200, `promo: ${label} is connected${entry.accountName ? ` as ${entry.accountName}` : ''}. You can close this window.`);
          finish(entry);
        }, (failure: Error) => {
          page(500, `promo could not finish connecting: ${failure.message}`);
          finish(failure);
        });
      });
    });
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async function exchange(code: string): Promise<AccountEntry> {
    const context = { now, signal: options.signal, timeoutMs: 30_000 };
    try {
      let tokens = await requestTokens({
        profile, config, context,
        grant: { type: 'authorization_code', code, redirectUri, ...(profile.pkce === 'none' ? {} : { codeVerifier: verifier }) },
      });
      // Facebook Login: the code gives a short-lived token only, traded at once for a long-lived one.
      if (profile.exchange) tokens = mergeTokens(tokens, await requestTokens({ profile, config, context, grant: { type: 'exchange', accessToken: tokens.accessToken } }));
      return await storeAccount({ ...options, tokens, now });
    } catch (error) {
      if (error instanceof TokenRefusedError) throw new PromoError('ACCOUNT_FAILED', `${error.message}; nothing was stored`, { hint: `check the channel's client id and secret, then run \`promo accounts connect ${config.name}\` again` });
      throw error;
    }
  }
}
