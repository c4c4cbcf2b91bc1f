// One Graph API request of the Instagram channel, with the account's token, and what its error
// envelope means: {"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}
// (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/error-codes/).
import { INSTAGRAM_GRAPH_VERSION } from '../channels/instagram-kind.ts';
import type { ChannelConfigOf } from './channel-types.ts';
import { httpRequest, type HttpResponse } from './http-request.ts';
import { httpStatusError } from './http-status-error.ts';
import { parseJsonObject } from './parse-json-object.ts';
import { summarizeBody } from './summarize-body.ts';
import { parseChannelUrl, scopedError, type SendScope } from './send-scope.ts';
import { withAccessToken } from './with-access-token.ts';

type InstagramConfig = ChannelConfigOf<'instagram'>;

export interface GraphError {
  code: number;
  subcode?: number;
  message: string;
}

export interface GraphCall {
  method: 'GET' | 'POST';
  /** After the version: `/{ig-user-id}/media`. */
  path: string;
  params: Record<string, string>;
  /** Error codes the caller handles itself (9007: the container is not ready): returned, not thrown. */
  tolerate?: (error: GraphError) => boolean;
}

/** The answer to one Graph call, or the tolerated error; any other error is thrown as a ChannelError. */
export async function callInstagramGraph(config: InstagramConfig, scope: SendScope, call: GraphCall): Promise<{ json: Record<string, unknown> } | { error: GraphError }> {
  const url = parseChannelUrl(`${(config.api ?? 'https://graph.facebook.com').replace(/\/+$/, '')}/${INSTAGRAM_GRAPH_VERSION}${call.path}`, scope);
  // GET parameters in the query; POST ones as a form body (a 2200-character caption makes a long
  // URL), both of which Graph reads. The token is in neither: a header keeps it out of proxy logs.
  const params = new URLSearchParams(call.params);
  if (call.method === 'GET') url.search = params.toString();
  const form = Buffer.from(params.toString(), 'utf8');
  const body = call.method === 'POST' ? { body: { contentType: 'application/x-www-form-urlencoded', length: form.length, chunks: async function* () { yield form; } } } : {};
  const { response, scope: answered } = await withAccessToken(scope, config.name,
    (token, tokenScope) => httpRequest({ url, method: call.method, headers: { authorization: `Bearer ${token}` }, ...body, postsNothing: call.method === 'GET' }, tokenScope),
    (answer) => answer.status === 401 || graphErrorOf(answer)?.code === 190);
  const error = graphErrorOf(response);
  if (!error && response.status >= 200 && response.status < 300) {
    const json = parseJsonObject(response.text);
    if (json) return { json };
    throw scopedError(answered, `unexpected answer (HTTP ${response.status}): ${summarizeBody(response.text)}`, { retryable: false, maybeDelivered: call.method === 'POST' });
  }
  if (error && call.tolerate?.(error)) return { error };
  throw instagramError(config, answered, response, error);
}

// The Graph error envelope of an answer, when it has one.
function graphErrorOf(response: HttpResponse): GraphError | undefined {
  const error = parseJsonObject(response.text)?.error as { code?: unknown; error_subcode?: unknown; message?: unknown } | undefined;
  if (!error || typeof error !== 'object') return undefined;
  return {
    code: typeof error.code === 'number' ? error.code : 0,
    ...(typeof error.error_subcode === 'number' ? { subcode: error.error_subcode } : {}),
    message: typeof error.message === 'string' ? error.message : 'no message',
  };
}

function instagramError(config: InstagramConfig, scope: SendScope, response: HttpResponse, error: GraphError | undefined) {
  if (!error) return httpStatusError(response, scope) ?? scopedError(scope, `unexpected answer (HTTP ${response.status})`, { retryable: false });
  const said = `${error.message} (code ${error.code}${error.subcode ? `/${error.subcode}` : ''})`;
  if (error.code === 190 || response.status === 401) {
    return scopedError(scope, `the account's token was refused: ${said}; run promo accounts connect ${config.name}`, { retryable: false, auth: true });
  }
  if (error.code === 10 || error.code === 200 || (error.code >= 200 && error.code < 300)) {
    return scopedError(scope, `permission missing: ${said}; connect again (promo accounts connect ${config.name}) granting instagram_content_publish, and check that accountId ${config.accountId} is the IG professional account linked to your Page`, { retryable: false, auth: true });
  }
  // Application, user and page rate limits (4, 17, 32, 613): Meta counts over an hour.
  if ([4, 17, 32, 613].includes(error.code)) return scopedError(scope, `rate limited: ${said}`, { retryable: true, retryAfter: 600 });
  // 9/2207042: the account's 24-hour publishing quota is used up (content_publishing_limit).
  if (error.code === 9 && error.subcode === 2207042) return scopedError(scope, `the account's 24-hour publishing limit is reached: ${said}`, { retryable: true, retryAfter: 3600 });
  // 1, 2: unknown / temporary service errors, which Meta says to retry.
  if (error.code === 1 || error.code === 2 || response.status >= 500) return scopedError(scope, `service error: ${said}`, { retryable: true });
  return scopedError(scope, said, { retryable: false });
}
