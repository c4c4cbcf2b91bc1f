// An account's best-times note in the page's language, from the structured reason src/insights
// gives (kind and numbers), never from its English note; then what the lift column measures.
import type { AccountBestTimes } from '../insights/read-best-times.ts';
import type { Translate } from './dashboard-types.ts';

/** The note under an account's heading: why this level or how much more data is needed, and what lift means. */
export function describeBestTimes(best: AccountBestTimes, t: Translate): string {
  const r = best.reason;
  // English says "1 post" / "1 slot does"; a `.one` key where the count is one.
  const one = (key: string, n: number) => (n === 1 ? `${key}.one` : key);
  let note: string;
  if (r.kind === 'too-few-posts') note = t(one('insights.note.tooFewPosts', r.posts), { posts: r.posts, needed: r.needed, more: r.more });
  else if (r.kind === 'too-few-slots') note = t('insights.note.tooFewSlots', { posts: r.posts, minSlots: r.minSlots, minSlotPosts: r.minSlotPosts });
  else if (r.better > 0) note = t(one('insights.note.better', r.better), { posts: r.posts, better: r.better });
  else note = t('insights.note.noneBetter', { posts: r.posts });
  if (r.kind !== 'ranked' && r.followers) note += t('insights.note.followers');
  // The metric asked for (config, per account) was missing from the exports: say what was ranked instead.
  if (best.requested !== best.metric && best.method !== 'follower-activity') {
    note = t('insights.note.metricMissing', { asked: t(`insights.metric.${best.requested}`), used: t(`insights.metric.${best.metric}`), note });
  }
  if (best.slots.length === 0) return note;
  const lift = best.method === 'follower-activity'
    ? t('insights.liftFollowers')
    : t('insights.liftPosts', { metric: t(`insights.metric.${best.metric}`), method: t(`insights.method.${best.method}`) });
  return t('insights.note.join', { note, lift });
}
