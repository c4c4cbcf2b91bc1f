// TikTok's JSON API as one send uses it: POSTs with the account's bearer token (refreshed once
// after a 401, by makeBearerRequester), the `{data, error:{code, message, log_id}}` envelope
// unwrapped, and every refusal turned into the ChannelError it means.
import { makeBearerRequester } from './bearer-requester.ts';
import type { ChannelConfig } from './channel-types.ts';
import { jsonBody } from './http-request.ts';
import { parseJsonObject } from './parse-json-object.ts';
import { summarizeBody } from './summarize-body.ts';
import { scopedError, type SendScope } from './send-scope.ts';
import { tiktokError } from './tiktok-error.ts';

export interface TiktokApiClient {
  /** POSTs `body` to `path` (a real TikTok path) and returns the answer's `data` and its raw text. */
  post(path: string, body: object): Promise<{ data: Record<string, unknown>; text: string }>;
  readonly scope: SendScope;
}

const DEFAULT_API = 'https://open.tiktokapis.com';

/** The API client of one send on `config`'s channel. */
export function tiktokApiClient(config: Extract<ChannelConfig, { type: 'tiktok' }>, scope: SendScope): TiktokApiClient {
  if (!scope.context.accessToken) {
    throw scopedError(scope, `no TikTok account is connected: run \`promo accounts connect ${config.name}\``, { retryable: false, auth: true });
  }
  const request = makeBearerRequester(scope, config.name);
  const base = (config.api ?? DEFAULT_API).replace(/\/+$/, '');

  const post = async (path: string, body: object) => {
    // None of these calls shows anything to anyone: init only opens an upload task.
    const response = await request({ url: new URL(`${base}${path}`), body: jsonBody(JSON.stringify(body)), postsNothing: true });
    const answer = parseJsonObject(response.text);
    const error = (answer?.error ?? {}) as { code?: unknown; message?: unknown };
    const code = typeof error.code === 'string' ? error.code : '';
    // creator_info answers spam_risk_* with HTTP 200 ("intentional"): the code decides.
    if (response.status >= 200 && response.status < 300 && code === 'ok') {
      const data = answer?.data;
      return { data: typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}, text: response.text };
    }
    if (!answer) throw scopedError(scope, `unexpected answer (HTTP ${response.status}): ${summarizeBody(response.text)}`, { retryable: response.status >= 500 });
    throw tiktokError({ response, code, message: typeof error.message === 'string' ? error.message : '' }, scope, config.name);
  };
  return { post, scope };
}
