// A person's retry of one post (`promo posts retry`, the dashboard's Retry): only a failed, missed
// or unknown post, never once its stream has started; it goes back to pending with its grace
// running from the retry, under the same key (a platform's idempotency key is the post's).
import { PromoError } from '../util/promo-error.ts';
import type { PostRecord } from './post-record.ts';
import type { PostStore } from './post-store.ts';

export interface RetryPostResult {
  post: PostRecord;
  /** The latest it may go out: the retry plus the grace, never past the stream's start. */
  until: Date;
}

/** Retries post `id` as of `now`, or throws a USAGE PromoError saying why it cannot be. */
export function retryPost(store: PostStore, id: number, options: { now: Date; graceSeconds: number }): RetryPostResult {
  const before = store.get(id);
  if (!before) throw new PromoError('USAGE', `no post #${id}`, { hint: 'see `promo posts` for ids' });
  if (!['failed', 'unknown', 'missed'].includes(before.state)) {
    throw new PromoError('USAGE', `post #${id} is ${before.state}; only failed, unknown or missed posts can be retried`);
  }
  if (options.now.getTime() >= before.occurrence.getTime()) {
    throw new PromoError('USAGE', `post #${id} announces a stream that started at ${before.occurrence.toISOString()}; promo does not announce a stream after it starts`, {
      hint: `post it by hand if it still helps, or \`promo posts cancel ${id}\``,
    });
  }
  const post = store.retry(id, options.now);
  // Another retry (a second click, another person) got there first: the state moved on.
  if (!post || post.state !== 'pending' || post.retried?.getTime() !== options.now.getTime()) {
    throw new PromoError('USAGE', `post #${id} was changed meanwhile (now ${post?.state ?? 'gone'}); nothing was retried`);
  }
  const until = new Date(Math.min(options.now.getTime() + options.graceSeconds * 1000, before.occurrence.getTime()));
  return { post, until };
}
