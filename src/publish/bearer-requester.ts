// Requests on behalf of a connected account: each carries `Authorization: Bearer <token>` from
// SendContext.accessToken, and the first 401 of a send refreshes the token once (force) and
// repeats the request. A second 401 is the service's answer to return.
import { httpRequest, type HttpRequest, type HttpResponse } from './http-request.ts';
import { scopedError, type SendScope } from './send-scope.ts';

export type BearerRequester = (request: HttpRequest) => Promise<HttpResponse>;

/** A requester for one send on channel `channel` (named in the hint when no account is connected). */
export function makeBearerRequester(scope: SendScope, channel: string): BearerRequester {
  const { context } = scope;
  let token: string | undefined;
  let refreshed = false;
  const current = async (force: boolean): Promise<string> => {
    if (!context.accessToken) throw scopedError(scope, `no account is connected: promo accounts connect ${channel}`, { retryable: false, auth: true });
    token = await context.accessToken(force ? { force: true } : {});
    return token;
  };
  return async (request) => {
    const send = (bearer: string) => httpRequest({ ...request, headers: { ...request.headers, authorization: `Bearer ${bearer}` } }, { ...scope, secrets: [...scope.secrets, bearer] });
    const response = await send(token ?? await current(false));
    if (response.status !== 401 || refreshed) return response;
    // Expired or revoked early: one refresh per send, then the answer stands.
    refreshed = true;
    return send(await current(true));
  };
}
