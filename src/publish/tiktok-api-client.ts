// TikTok's JSON API as one send uses it: POSTs with the account's bearer token, the token
// refreshed once after a 401, the `{data, error:{code, message, log_id}}` envelope unwrapped, and
// every refusal turned into the ChannelError it means.
import type { ChannelConfig } from './channel-types.ts';
import { httpRequest, jsonBody, parseJsonObject, summarizeBody } from './http-request.ts';
import { scopedError, type SendScope } from './send-scope.ts';
import { tiktokError } from './tiktok-error.ts';

export interface TiktokApiClient {
  /** POSTs `body` to `path` (a real TikTok path) and returns the answer's `data` and its raw text. */
  post(path: string, body: object): Promise<{ data: Record<string, unknown>; text: string }>;
  /** The scope with the access token added to what is redacted (for requests made elsewhere). */
  readonly scope: SendScope;
}

const DEFAULT_API = 'https://open.tiktokapis.com';

/** The API client of one send on `config`'s channel. */
export function tiktokApiClient(config: Extract<ChannelConfig, { type: 'tiktok' }>, baseScope: SendScope): TiktokApiClient {
  const { accessToken } = baseScope.context;
  if (!accessToken) {
    throw scopedError(baseScope, `no TikTok account is connected: run \`promo accounts connect ${config.name}\``, { retryable: false, auth: true });
  }
  const secrets = [...baseScope.secrets];
  const scope: SendScope = { ...baseScope, secrets };
  const base = (config.api ?? DEFAULT_API).replace(/\/+$/, '');
  let token: string | undefined;
  const tokenNow = async (force: boolean): Promise<string> => {
    token = await accessToken(force ? { force: true } : undefined);
    // Never shown: an answer that echoes it is redacted like a configured secret.
    if (!secrets.includes(token)) secrets.push(token);
    return token;
  };

  const post = async (path: string, body: object) => {
    let refreshed = false;
    for (;;) {
      const bearer = token ?? (await tokenNow(false));
      const response = await httpRequest({
        url: new URL(`${base}${path}`),
        headers: { authorization: `Bearer ${bearer}` },
        body: jsonBody(JSON.stringify(body)),
        // None of these calls shows anything to anyone: init only opens an upload task.
        postsNothing: true,
      }, scope);
      const answer = parseJsonObject(response.text);
      const error = (answer?.error ?? {}) as { code?: unknown; message?: unknown };
      const code = typeof error.code === 'string' ? error.code : '';
      const message = typeof error.message === 'string' ? error.message : '';
      if ((response.status === 401 || code === 'access_token_invalid') && !refreshed) {
        refreshed = true;
        await tokenNow(true);
        continue;
      }
      // creator_info answers spam_risk_* with HTTP 200 ("intentional"): the code decides.
      if (response.status >= 200 && response.status < 300 && code === 'ok') {
        const data = answer?.data;
        return { data: typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}, text: response.text };
      }
      if (!answer) throw scopedError(scope, `unexpected answer (HTTP ${response.status}): ${summarizeBody(response.text)}`, { retryable: response.status >= 500 });
      throw tiktokError({ response, code, message }, scope, config.name);
    }
  };
  return { post, scope };
}
