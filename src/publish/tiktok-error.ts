// What TikTok's error codes mean for a post (https://developers.tiktok.com/doc/tiktok-api-v2-error-handling,
// the direct post reference's error table): which wait, which fail, and what the user can change.
import type { ChannelError } from './channel-types.ts';
import type { HttpResponse } from './http-request.ts';
import { httpStatusError } from './http-status-error.ts';
import { parseRetryAfter } from './parse-retry-after.ts';
import { scopedError, type SendScope } from './send-scope.ts';

/** TikTok's own answer to a request: HTTP status, and the envelope's error.code and message. */
export interface TiktokAnswer {
  response: HttpResponse;
  code: string;
  message: string;
}

/** The ChannelError TikTok's error `code` means; `channel` names the channel in the hints. */
export function tiktokError(answer: TiktokAnswer, scope: SendScope, channel: string): ChannelError {
  const { response, code, message } = answer;
  const said = `${code}${message ? `: ${message}` : ''}`;
  const reconnect = `run \`promo accounts connect ${channel}\``;
  switch (code) {
    case 'rate_limit_exceeded': {
      // The limits are per minute (video/init 6, status/fetch 30, creator_info 20 per token).
      const retryAfter = parseRetryAfter(headerText(response.headers['retry-after']), scope.context.now()) ?? 60;
      return scopedError(scope, `TikTok's rate limit was reached (${said}); waiting ${retryAfter} s before trying again`, { retryable: true, retryAfter });
    }
    case 'spam_risk_too_many_posts':
      return scopedError(scope, `TikTok refuses more posts from this account today (${said}): its daily limit of API posts is reached; post this video by hand or schedule it for tomorrow`, { retryable: false });
    case 'spam_risk_too_many_pending_share':
      return scopedError(scope, `TikTok refuses the post (${said}): at most 5 posts may wait for the user within 24 hours; finish or delete the pending ones in the TikTok app, then retry`, { retryable: false });
    case 'spam_risk_user_banned_from_posting':
      return scopedError(scope, `TikTok has banned this account from posting (${said})`, { retryable: false });
    case 'reached_active_user_cap':
      return scopedError(scope, `the TikTok app reached its daily quota of posting users (${said}); try again tomorrow`, { retryable: false });
    case 'unaudited_client_can_only_post_to_private_accounts':
      return scopedError(scope, `the TikTok app has not passed TikTok's audit, so it may only post with privacy SELF_ONLY to a private account (${said}): set privacy: SELF_ONLY in channels.${channel}, make the account private, or have the app audited`, { retryable: false });
    case 'privacy_level_option_mismatch':
      return scopedError(scope, `TikTok refused the privacy level (${said}): set channels.${channel}.privacy to one the account offers`, { retryable: false });
    case 'scope_not_authorized':
    case 'scope_permission_missed':
      return scopedError(scope, `the TikTok account did not grant the video.publish scope (${said}): ${reconnect} and allow posting`, { retryable: false, auth: true });
    case 'access_token_invalid':
      return scopedError(scope, `TikTok refused the access token even after a refresh (${said}): ${reconnect}`, { retryable: false, auth: true });
    default: {
      const status = httpStatusError(response, scope, { serviceMessage: said, authHint: reconnect });
      return status ?? scopedError(scope, `TikTok answered ${said}`, { retryable: code === 'internal_error' });
    }
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
