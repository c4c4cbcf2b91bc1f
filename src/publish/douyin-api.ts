// One request to the Douyin open platform's video API for the connected user: the token in the
// `access-token` header, the user's `open_id` in the query, and what the envelope's codes mean:
// {"data": {"error_code", "description", ...}, "extra": {"error_code", "description", "sub_error_code", "logid"}}
// (https://developer.open-douyin.com/docs/resource/zh-cn/dop/develop/openapi/status-code).
import type { ChannelConfigOf } from './channel-types.ts';
import { httpRequest, type HttpResponse, type RequestBody } from './http-request.ts';
import { httpStatusError } from './http-status-error.ts';
import { parseJsonObject } from './parse-json-object.ts';
import { summarizeBody } from './summarize-body.ts';
import { parseChannelUrl, scopedError, type SendScope } from './send-scope.ts';
import { withAccessToken } from './with-access-token.ts';

type DouyinConfig = ChannelConfigOf<'douyin'>;

export interface DouyinCall {
  /** The real path: `/api/douyin/v1/video/upload_video/`. */
  path: string;
  /** POST (default) with `body`, or GET (video_list). */
  method?: 'GET' | 'POST';
  query?: Record<string, string>;
  body?: RequestBody;
  /** Uploads show nothing to anyone: a failure after sending them is not "maybe posted". */
  postsNothing: boolean;
}

// Expired access token (old and new codes): refresh once and repeat.
const TOKEN_EXPIRED = new Set([2190008, 28001008]);
// The app may not post for users: the scope is missing or the capability not granted.
const NOT_ALLOWED = new Set([2100007, 28001012, 28001056]);
const QUOTA = new Set([2190001, 28003017]);
const BUSY = new Set([2100004, 28003018]);

/** The answer's `data`, after a success (error_code 0); anything else is thrown as a ChannelError. */
export async function callDouyin(config: DouyinConfig, scope: SendScope, openId: string, call: DouyinCall): Promise<Record<string, unknown>> {
  const url = parseChannelUrl(`${(config.api ?? 'https://open.douyin.com').replace(/\/+$/, '')}${call.path}`, scope);
  url.searchParams.set('open_id', openId);
  for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
  // An upload's time allowance: 250 kB/s at the slowest, on top of the timeout.
  const { response, scope: answered } = await withAccessToken(scope, config.name,
    (token, tokenScope) => httpRequest({ url, method: call.method ?? 'POST', headers: { 'access-token': token }, ...(call.body ? { body: call.body } : {}), postsNothing: call.postsNothing, timeoutMs: scope.context.timeoutMs + Math.ceil((call.body?.length ?? 0) / 250) }, tokenScope),
    (answer) => answer.status === 401 || TOKEN_EXPIRED.has(codeOf(answer).code));
  const { code, description } = codeOf(response);
  const data = parseJsonObject(response.text)?.data;
  if (response.status >= 200 && response.status < 300 && code === 0 && typeof data === 'object' && data !== null) return data as Record<string, unknown>;
  throw douyinError(config, answered, response, code, description, !call.postsNothing);
}

// The envelope's error code and description (data's, else extra's); 0 when there is none.
function codeOf(response: HttpResponse): { code: number; description: string } {
  const json = parseJsonObject(response.text) ?? {};
  const data = (json.data ?? {}) as { error_code?: unknown; description?: unknown };
  const extra = (json.extra ?? {}) as { error_code?: unknown; description?: unknown; sub_description?: unknown };
  const code = Number(data.error_code ?? 0) || Number(extra.error_code ?? 0);
  const description = [data.description, extra.description, extra.sub_description].find((text) => typeof text === 'string' && text !== '') as string | undefined;
  return { code, description: description ?? '' };
}

function douyinError(config: DouyinConfig, scope: SendScope, response: HttpResponse, code: number, description: string, mayHavePosted: boolean) {
  const said = `${description || summarizeBody(response.text)} (error_code ${code})`;
  if (TOKEN_EXPIRED.has(code) || code === 28001015 || response.status === 401) {
    return scopedError(scope, `Douyin refused the account's token: ${said}; run promo accounts connect ${config.name}`, { retryable: false, auth: true });
  }
  if (NOT_ALLOWED.has(code)) {
    return scopedError(scope, `Douyin does not let this app post for users: ${said}. Posting (scope video.create.bind, 代用户发布) needs an approved website app of an enterprise developer with the capability granted in the Douyin open-platform console; then connect again (promo accounts connect ${config.name})`, { retryable: false, auth: true });
  }
  if (QUOTA.has(code)) return scopedError(scope, `Douyin's posting quota is used up: ${said}`, { retryable: true, retryAfter: 3600 });
  if (BUSY.has(code)) return scopedError(scope, `Douyin is busy or limiting the rate: ${said}`, { retryable: true, retryAfter: 60 });
  if (code === 0) {
    const status = httpStatusError(response, scope);
    if (status) return status;
    return scopedError(scope, `unexpected answer (HTTP ${response.status}): ${summarizeBody(response.text)}`, { retryable: false, maybeDelivered: mayHavePosted });
  }
  return scopedError(scope, said, { retryable: false });
}
