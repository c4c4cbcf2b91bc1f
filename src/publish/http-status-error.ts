// What an HTTP status means for a send: success, rate limited (with Retry-After), refused
// credentials, maybe delivered (504), retryable, a redirect promo will not follow, or final.
import type { ChannelError } from './channel-types.ts';
import type { HttpResponse } from './http-request.ts';
import { parseRetryAfter } from './parse-retry-after.ts';
import { scopedError, type SendScope } from './send-scope.ts';
import { summarizeBody } from './summarize-body.ts';

export interface StatusErrorOptions {
  /** What the service said, already picked out of its answer (e.g. Telegram's `description`). */
  serviceMessage?: string;
  /** Seconds to wait, when the service says so in its body (overrides Retry-After). */
  retryAfter?: number;
  /** What to fix when the service refuses the credentials. */
  authHint?: string;
}

/** The ChannelError an HTTP status means, or undefined for 2xx. */
export function httpStatusError(response: HttpResponse, scope: SendScope, options: StatusErrorOptions = {}): ChannelError | undefined {
  const { status } = response;
  if (status >= 200 && status < 300) return undefined;
  const said = options.serviceMessage ?? summarizeBody(response.text);
  const message = `HTTP ${status}${said ? `: ${said}` : ''}`;
  if (status === 429) {
    const retryAfter = options.retryAfter ?? parseRetryAfter(headerValue(response.headers['retry-after']), scope.context.now());
    return scopedError(scope, `rate limited (${message})`, { retryable: true, ...(retryAfter === undefined ? {} : { retryAfter }) });
  }
  if (status === 401 || status === 403) {
    return scopedError(scope, `${message}${options.authHint ? `; ${options.authHint}` : ''}`, { retryable: false, auth: true });
  }
  // 504: a gateway gave up waiting for the service, which may still have posted.
  if (status === 504) return scopedError(scope, message, { retryable: true, maybeDelivered: true });
  if (status === 408 || status >= 500) return scopedError(scope, message, { retryable: true });
  if (status >= 300 && status < 400) {
    return scopedError(scope, `HTTP ${status} redirect: promo does not follow redirects (they could resend the post); put the final URL in the config`, { retryable: false });
  }
  return scopedError(scope, message, { retryable: false });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
