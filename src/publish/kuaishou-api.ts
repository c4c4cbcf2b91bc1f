// Requests to the Kuaishou open platform and its upload endpoint, and what `result` means: 1 is
// success, anything else comes with `error_msg`. The account's token goes in the query string
// (`access_token`, beside `app_id`), as Kuaishou's OpenAPI takes it; messages never show URLs.
import type { ChannelConfigOf } from './channel-types.ts';
import { httpRequest, type HttpResponse, type RequestBody } from './http-request.ts';
import { httpStatusError } from './http-status-error.ts';
import { parseJsonObject } from './parse-json-object.ts';
import { summarizeBody } from './summarize-body.ts';
import { parseChannelUrl, scopedError, type SendScope } from './send-scope.ts';
import { withAccessToken } from './with-access-token.ts';

type KuaishouConfig = ChannelConfigOf<'kuaishou'>;

export interface KuaishouCall {
  method: 'GET' | 'POST';
  /** `/openapi/photo/start_upload` on the API host, or a full upload-endpoint URL (`upload: true`). */
  path: string;
  /** The upload endpoint: no account token, only the upload_token in the query. */
  upload?: boolean;
  query?: Record<string, string>;
  body?: RequestBody;
  postsNothing: boolean;
}

/** The answer (result 1); anything else is thrown as a ChannelError. */
export async function callKuaishou(config: KuaishouConfig, scope: SendScope, call: KuaishouCall): Promise<Record<string, unknown>> {
  const base = (config.api ?? 'https://open.kuaishou.com').replace(/\/+$/, '');
  const make = (token?: string): URL => {
    const url = parseChannelUrl(call.upload ? call.path : `${base}${call.path}`, scope);
    if (token !== undefined) {
      url.searchParams.set('app_id', config.appId);
      url.searchParams.set('access_token', token);
    }
    for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
    return url;
  };
  const send = (url: URL, requestScope: SendScope) => httpRequest({
    url, method: call.method, ...(call.body ? { body: call.body } : {}), postsNothing: call.postsNothing,
    // An upload's time allowance: 250 kB/s at the slowest, on top of the timeout.
    timeoutMs: scope.context.timeoutMs + Math.ceil((call.body?.length ?? 0) / 250),
  }, requestScope);
  const { response, scope: answered } = call.upload
    ? { response: await send(make(), scope), scope }
    : await withAccessToken(scope, config.name, (token, tokenScope) => send(make(token), tokenScope), (answer) => answer.status === 401 || tokenRefused(answer));
  const json = parseJsonObject(response.text);
  if (response.status >= 200 && response.status < 300 && json?.result === 1) return json;
  throw kuaishouError(config, answered, response, json, !call.postsNothing);
}

// Kuaishou documents no code list for this: a refusal naming the access token is taken as one.
function tokenRefused(response: HttpResponse): boolean {
  const json = parseJsonObject(response.text);
  return json !== undefined && json.result !== 1 && /access[_ ]?token/i.test(String(json.error_msg ?? ''));
}

function kuaishouError(config: KuaishouConfig, scope: SendScope, response: HttpResponse, json: Record<string, unknown> | undefined, mayHavePosted: boolean) {
  if (!json || json.result === undefined) {
    return httpStatusError(response, scope) ?? scopedError(scope, `unexpected answer (HTTP ${response.status}): ${summarizeBody(response.text)}`, { retryable: false, maybeDelivered: mayHavePosted });
  }
  const said = `${String(json.error_msg ?? 'no error_msg')} (result ${String(json.result)})`;
  if (response.status === 401 || tokenRefused(response)) {
    return scopedError(scope, `Kuaishou refused the account's token: ${said}; run promo accounts connect ${config.name}`, { retryable: false, auth: true });
  }
  if (/scope|permission|权限|授权/i.test(said)) {
    return scopedError(scope, `Kuaishou does not let this app publish for the user: ${said}. The app needs the user_video_publish scope approved in the Kuaishou open-platform console; then connect again (promo accounts connect ${config.name})`, { retryable: false, auth: true });
  }
  if (response.status === 429 || /frequen|rate|频繁|限流/i.test(said)) return scopedError(scope, `Kuaishou is limiting the rate: ${said}`, { retryable: true, retryAfter: 60 });
  if (response.status >= 500) return scopedError(scope, `service error: ${said}`, { retryable: true });
  return scopedError(scope, said, { retryable: false });
}
