// What a failed send becomes: failed (reconnect the account, fix the settings, or not retryable),
// unknown (partly or maybe delivered, for a person to check), or pending again after a retry delay
// while that is before the post's deadline.
import { ChannelError, type Channel } from '../publish/channel-types.ts';
import type { PostRecord } from './post-record.ts';
import type { PostStore } from './post-store.ts';
import type { TickResult } from './publish-due-types.ts';
import { retryDelay } from './retry-delay.ts';

export interface SendFailureOptions {
  store: PostStore;
  /** The tick's counts, updated with this post's outcome. */
  result: TickResult;
  log: (line: string) => void;
  /** The scheduler's clock. */
  now: Date;
  /** Random source for retry jitter. */
  random: () => number;
  /** The last time (ms) a retry may be tried at. */
  deadline: number;
}

/** Records why a send failed: failed, unknown, or pending again for a retry. */
export function settleSendFailure(post: PostRecord, channel: Channel, error: unknown, options: SendFailureOptions): void {
  const { store, result, log, now, deadline } = options;
  const failure = error instanceof ChannelError ? error : new ChannelError((error as Error)?.message ?? String(error), { retryable: false });
  const detail = failure.message;
  if (failure.options.needsReconnect) {
    // The message names `promo accounts connect <channel>`; the channel's other due posts fail the same way at once.
    store.settle(post.id, 'failed', detail);
    log(`post #${post.id} → ${post.channel}: failed: the account needs reconnecting: ${detail}`);
    result.failed += 1;
  } else if (failure.options.partial) {
    // Some of it went out (say the text, not the video): sending again would repeat that part.
    store.settle(post.id, 'unknown', `${detail}; partly delivered: check ${post.channel}, then \`promo posts retry ${post.id}\` or \`promo posts cancel ${post.id}\``);
    log(`post #${post.id} → ${post.channel}: partly delivered (${detail})`);
    result.unknown += 1;
  } else if (failure.options.auth) {
    store.settle(post.id, 'failed', `${detail} (check the channel's settings in the configuration; not retried)`);
    log(`post #${post.id} → ${post.channel}: failed: ${detail}`);
    result.failed += 1;
  } else if (!failure.options.retryable) {
    store.settle(post.id, 'failed', detail);
    log(`post #${post.id} → ${post.channel}: failed: ${detail}`);
    result.failed += 1;
  } else if (failure.options.maybeDelivered && !channel.idempotent && !channel.resumable) {
    // A resumable driver is called again with its progress and asks the service what it has.
    store.settle(post.id, 'unknown', `${detail}; the post may have been delivered: check ${post.channel}, then \`promo posts retry ${post.id}\` or \`promo posts cancel ${post.id}\``);
    log(`post #${post.id} → ${post.channel}: unknown (${detail})`);
    result.unknown += 1;
  } else {
    const wait = retryDelay(post.attempts + 1, failure.options.retryAfter, options.random);
    const next = new Date(now.getTime() + wait * 1000);
    if (next.getTime() > deadline) {
      store.settle(post.id, 'failed', `${detail}; gave up: the next try would be too late`);
      log(`post #${post.id} → ${post.channel}: failed, too late to retry (${detail})`);
      result.failed += 1;
    } else {
      store.retryLater(post.id, next, `${detail}; retrying in ${Math.round(wait)} s`);
      log(`post #${post.id} → ${post.channel}: ${detail}; retrying in ${Math.round(wait)} s`);
      result.retrying += 1;
    }
  }
}
