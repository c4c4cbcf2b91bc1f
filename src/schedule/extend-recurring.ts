// The daemon's hourly extension of recurring streams: the posts of occurrences that have come
// within the horizon are added (never changed or cancelled: that is `promo schedule`'s).
import type { PromoConfig } from '../config/config-types.ts';
import { loadSpec } from '../promo-spec/load-spec.ts';
import { planPosts, type PlanPostsOptions } from './plan-posts.ts';
import { configTextLimits } from './config-text-limits.ts';
import type { PostStore } from './post-store.ts';

/**
 * Adds the posts of recurring streams' occurrences that have come within `posts.horizon` since
 * `promo schedule` ran: only new posts; pending ones are not changed and none are cancelled (that
 * stays `promo schedule`'s job, run by a person who edited the spec). A spec that no longer loads
 * or plans is reported and left as it is.
 */
export async function extendRecurring(store: PostStore, config: PromoConfig, now: Date, log: (line: string) => void, bestTimes?: PlanPostsOptions['bestTimes']): Promise<number> {
  let added = 0;
  for (const file of store.recurringSpecs()) {
    const loaded = await loadSpec(file, { timezone: config.timezone });
    if (!loaded.ok) {
      log(`${file}: not scheduling its next streams: the spec has ${loaded.issues.length} problem${loaded.issues.length === 1 ? '' : 's'} (see \`promo validate\`)`);
      continue;
    }
    if (!loaded.spec.stream.repeat) continue;
    const plan = planPosts(loaded.spec, config, { now, textLimit: configTextLimits(config), bestTimes });
    if (plan.issues.length > 0) {
      log(`${file}: not scheduling its next streams: ${plan.issues[0]!.message}${plan.issues.length > 1 ? ` (and ${plan.issues.length - 1} more; see \`promo posts plan\`)` : ''}`);
      continue;
    }
    const changes = store.schedule(file, plan.posts, { addOnly: true });
    if (changes.added > 0) log(`${file}: ${changes.added} post${changes.added === 1 ? '' : 's'} scheduled for the stream's next occurrences`);
    added += changes.added;
  }
  return added;
}
