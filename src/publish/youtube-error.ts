// What a refused YouTube request means for the post: Google's JSON error envelope
// ({ error: { code, message, errors: [{ domain, reason, message }] } },
// https://developers.google.com/youtube/v3/docs/errors) turned into a ChannelError that steers:
// quota and rate limits wait (never hammer), 5xx retry, bad input fails at once saying what to change.
import type { ChannelError } from './channel-types.ts';
import type { HttpResponse } from './http-request.ts';
import { httpStatusError } from './http-status-error.ts';
import { parseJsonObject } from './parse-json-object.ts';
import { parseRetryAfter } from './parse-retry-after.ts';
import { summarizeBody } from './summarize-body.ts';
import { scopedError, type SendScope } from './send-scope.ts';

// What to change for each input YouTube refuses (reasons from /youtube/v3/docs/videos/insert#errors).
const FIXES: Record<string, string> = {
  invalidTitle: "change the post's title: 1 to 100 characters, without < or >",
  invalidDescription: "change the post's text (the description): at most 5000 bytes, without < or >",
  invalidTags: "change the post's tags: at most 500 characters together",
  invalidCategoryId: 'change the channel\'s category in config.yaml to an assignable category id (videoCategories.list)',
  invalidPublishAt: 'the due time could not be used as status.publishAt',
  invalidVideoMetadata: "check the post's title, text and tags",
  mediaBodyRequired: 'the video file is empty',
  invalidImage: 'the cover is not an image YouTube takes (JPEG or PNG, at most 2 MB)',
  forbiddenPrivacySetting: "change the channel's privacy in config.yaml",
  defaultLanguageNotSet: 'set a default language',
};

/** The reason (`quotaExceeded`, `invalidTitle`…) and message Google gave, when the body says. */
export function googleReason(response: HttpResponse): { reason?: string; message?: string } {
  const error = parseJsonObject(response.text)?.error as { message?: unknown; errors?: { reason?: unknown }[] } | undefined;
  const reason = error?.errors?.[0]?.reason;
  return {
    ...(typeof reason === 'string' ? { reason } : {}),
    // Google's messages may hold HTML links (`<a href=…>quota</a>`): the words are enough.
    ...(typeof error?.message === 'string' ? { message: error.message.replace(/<[^>]*>/g, '') } : {}),
  };
}

/** The ChannelError for a non-2xx YouTube answer to `what` (e.g. 'starting the upload'). */
export function youtubeError(response: HttpResponse, scope: SendScope, what: string, channel: string): ChannelError {
  const { reason, message } = googleReason(response);
  const said = `${what}: HTTP ${response.status}${reason ? ` ${reason}` : ''}: ${message ?? summarizeBody(response.text)}`;
  const now = scope.context.now();
  if (reason === 'quotaExceeded' || reason === 'uploadLimitExceeded') {
    // The project's daily quota (and the channel's upload cap) resets at midnight Pacific time
    // (https://developers.google.com/youtube/v3/determine_quota_cost): waiting less only burns requests.
    return scopedError(scope, `${said}; waiting until the daily quota resets (midnight Pacific time)`, { retryable: true, retryAfter: secondsToPacificMidnight(now) });
  }
  if (reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded' || reason === 'uploadRateLimitExceeded' || response.status === 429) {
    const header = response.headers['retry-after'];
    const retryAfter = parseRetryAfter(Array.isArray(header) ? header[0] : header, now) ?? 60;
    return scopedError(scope, `${said}; trying again in ${retryAfter} s`, { retryable: true, retryAfter });
  }
  if (response.status === 401 || reason === 'insufficientPermissions' || reason === 'youtubeSignupRequired') {
    const fix = reason === 'youtubeSignupRequired'
      ? 'the connected Google account has no YouTube channel: create one, then'
      : 'the account must be connected again:';
    return scopedError(scope, `${said}; ${fix} promo accounts connect ${channel}`, { retryable: false, auth: true });
  }
  const fix = reason ? FIXES[reason] : undefined;
  if (fix) return scopedError(scope, `${said}; ${fix}`, { retryable: false });
  return httpStatusError(response, scope, { serviceMessage: `${what}: ${reason ? `${reason}: ` : ''}${message ?? summarizeBody(response.text)}` })
    ?? scopedError(scope, said, { retryable: false });
}

// Seconds from `now` to the next midnight in America/Los_Angeles.
function secondsToPacificMidnight(now: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(now);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const elapsed = get('hour') * 3600 + get('minute') * 60 + get('second');
  return Math.max(60, 86400 - elapsed);
}
