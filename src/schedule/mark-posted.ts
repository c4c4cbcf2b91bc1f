// A person's "it is posted" (`promo posts mark-posted`, the dashboard's Mark as posted): for an
// unknown post (promo could not tell whether the channel got it: they looked, it is there) and
// for an outbox post (a folder channel's, sent to the folder: they posted it on the platform).
// The post becomes or stays sent, with who said so and when in its detail; nothing is sent.
import type { PromoConfig } from '../config/config-types.ts';
import { PromoError } from '../util/promo-error.ts';
import type { PostRecord } from './post-record.ts';
import type { PostStore } from './post-store.ts';

/** The detail of a post a person marked as posted starts with this. */
export const MARKED_POSTED = 'posted (a person confirmed it';

/** Marks post `id` as posted as of `now` (with the platform link `url`, http(s), if given), or throws a USAGE PromoError. */
export function markPosted(store: PostStore, config: Pick<PromoConfig, 'channels'>, id: number, options: { now: Date; url?: string }): PostRecord {
  const before = store.get(id);
  if (!before) throw new PromoError('USAGE', `no post #${id}`, { hint: 'see `promo posts` for ids' });
  const outbox = config.channels[before.channel]?.type === 'folder';
  if (before.detail?.startsWith(MARKED_POSTED)) throw new PromoError('USAGE', `post #${id} is marked as posted already`);
  if (!(before.state === 'unknown' || (outbox && before.state === 'sent'))) {
    throw new PromoError('USAGE', `post #${id} is ${before.state}${outbox ? '' : ` on ${before.channel}`}; only unknown posts and posts sent to an outbox folder can be marked as posted`, {
      hint: before.state === 'failed' || before.state === 'missed' ? `retry it (\`promo posts retry ${id}\`) or cancel it` : undefined,
    });
  }
  if (options.url !== undefined && !/^https?:\/\/[^\s]+$/.test(options.url)) throw new PromoError('USAGE', `--url ${options.url}: expected the post's http(s) address`);
  const at = options.now.toISOString();
  const detail = `${MARKED_POSTED} at ${at})${before.detail ? `; was: ${before.detail}` : ''}`;
  if (!store.markPostedByPerson(id, { state: before.state, updatedAt: before.updatedAt }, at, detail, options.url)) {
    throw new PromoError('USAGE', `post #${id} was changed meanwhile; nothing was marked`, { hint: 'look at it again (`promo posts`)' });
  }
  return store.get(id)!;
}
