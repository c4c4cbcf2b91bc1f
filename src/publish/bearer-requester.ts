// Requests on behalf of a connected account with `Authorization: Bearer <token>`: withAccessToken
// with the token in that header and a 401 as the refusal. The first 401 of a send refreshes the
// token once (force) and repeats the request; a later 401 is the service's answer to return.
import { httpRequest, type HttpRequest, type HttpResponse } from './http-request.ts';
import type { SendScope } from './send-scope.ts';
import { withAccessToken } from './with-access-token.ts';

export type BearerRequester = (request: HttpRequest) => Promise<HttpResponse>;

/** A requester for one send on channel `channel` (named in the hint when no account is connected). */
export function makeBearerRequester(scope: SendScope, channel: string): BearerRequester {
  let refreshed = false;
  const refusedOnce = (response: HttpResponse) => {
    if (response.status !== 401 || refreshed) return false;
    refreshed = true;
    return true;
  };
  return async (request) => {
    const bearer = (token: string, tokenScope: SendScope) => httpRequest({ ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } }, tokenScope);
    return (await withAccessToken(scope, channel, bearer, refusedOnce)).response;
  };
}
