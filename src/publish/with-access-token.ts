// Requests made with the channel's connected account: the token comes from SendContext (the
// account code refreshes it ahead of expiry); a refusal the service makes for an expired or
// revoked token gets one retry with a forced refresh, as the token provider's contract says.
// makeBearerRequester is this with a Bearer header and a 401; elsewhere the token's place and
// the refusal's shape are the caller's: Meta's rupload wants `OAuth <token>`, Graph says 190 in a 400, Douyin puts the
// token in an `access-token` header and says 2190008 in a 200, Kuaishou takes it in the query.
import type { HttpResponse } from './http-request.ts';
import { scopedError, type SendScope } from './send-scope.ts';

/**
 * Runs `request` with the account's access token, and once more with a refreshed one when
 * `refused(response)` says the token was not accepted. `channel` names the channel in the hint.
 * `request` gets, and the answer comes with, a scope that redacts the token too: errors made
 * from the answer must use it (a proxy's error page can quote a token sent in the query).
 */
export async function withAccessToken(scope: SendScope, channel: string, request: (token: string, scope: SendScope) => Promise<HttpResponse>, refused: (response: HttpResponse) => boolean): Promise<{ response: HttpResponse; scope: SendScope }> {
  const { accessToken } = scope.context;
  if (!accessToken) throw scopedError(scope, `no connected account: run promo accounts connect ${channel}`, { retryable: false, auth: true });
  const attempt = async (force: boolean) => {
    const token = await accessToken.call(scope.context, force ? { force: true } : {});
    const tokenScope = { ...scope, secrets: [...scope.secrets, token] };
    return { response: await request(token, tokenScope), scope: tokenScope };
  };
  const first = await attempt(false);
  return refused(first.response) ? attempt(true) : first;
}
