// The best times to post, from an account's own history: each post's performance is its log
// views over the median of its neighbours in time (so growth, and the newest posts' unfinished
// counts, do not make late slots look good), weighted by recency, summed per slot with shrinkage
// toward the baseline, at the finest level the data carries: hour of week, hour of day, 3-hour
// blocks, then follower activity. Below the minimum it says how many more posts it needs.
import { BEST_TIMES } from './best-times-constants.ts';
import type { BestTimesReason } from './best-times-reason.ts';
import { localHour } from './local-hour.ts';

export interface ScoredPostInput {
  publishedMs: number;
  /** The performance measure (views; likes where an export has no views). */
  value: number;
}

export interface BestSlot {
  /** 0 (Sunday)–6, or null for every day. */
  weekday: number | null;
  /** Start hour 0–23 (of the 3-hour block at that level). */
  hour: number;
  /** Times the account's baseline: 1.5 = half again as many views as its neighbours. */
  lift: number;
  posts: number;
  /** Past BEST_TIMES.confidence standard errors from the baseline. */
  confident: boolean;
}

export type BestTimesMethod = 'hour-of-week' | 'hour-of-day' | '3-hour-block' | 'follower-activity' | 'none';

export interface BestTimes {
  method: BestTimesMethod;
  /** Posts scored (paid and day-only posts are left out before). */
  posts: number;
  /** Best first. */
  slots: BestSlot[];
  /** Why this level, or how much more data is needed (English, as the CLI prints it). */
  note: string;
  /** The same as data, for readers in another language (the dashboard). */
  reason: BestTimesReason;
}

/** Ranks posting slots for one account; `activity` is active followers by local hour (0–23), when known. */
export function rankBestTimes(posts: readonly ScoredPostInput[], zone: string, activity?: readonly number[]): BestTimes {
  const sorted = [...posts].sort((a, b) => a.publishedMs - b.publishedMs);
  const n = sorted.length;
  if (n < BEST_TIMES.minPosts) return fallback(n, activity, { kind: 'too-few-posts', posts: n, needed: BEST_TIMES.minPosts, more: BEST_TIMES.minPosts - n }, `${n} post${n === 1 ? '' : 's'} with an hour: promo needs ${BEST_TIMES.minPosts} to rank hours (${BEST_TIMES.minPosts - n} more)`);
  const logs = new Float64Array(n);
  for (let i = 0; i < n; i++) logs[i] = Math.log1p(Math.max(0, sorted[i]!.value));
  const residual = neighbourResiduals(logs, BEST_TIMES.neighbours);
  const newest = sorted[n - 1]!.publishedMs;
  const weight = new Float64Array(n);
  const where = localHour(zone);
  const weekday = new Uint8Array(n);
  const hour = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    weight[i] = 0.5 ** ((newest - sorted[i]!.publishedMs) / (7 * 86_400_000) / BEST_TIMES.halfLifeWeeks);
    const at = where(sorted[i]!.publishedMs);
    weekday[i] = at.weekday;
    hour[i] = at.hour;
  }
  const spread = residualSpread(residual);
  const levels: [BestTimesMethod, (i: number) => number, (slot: number) => [number | null, number]][] = [
    ['hour-of-week', (i) => weekday[i]! * 24 + hour[i]!, (s) => [Math.floor(s / 24), s % 24]],
    ['hour-of-day', (i) => hour[i]!, (s) => [null, s]],
    ['3-hour-block', (i) => Math.floor(hour[i]! / 3), (s) => [null, s * 3]],
  ];
  for (const [method, slotOf, label] of levels) {
    if (method === 'hour-of-week' && n < BEST_TIMES.hourOfWeekPosts) continue;
    const slots = scoreSlots(n, slotOf, residual, weight, spread).filter((s) => s.posts >= BEST_TIMES.minSlotPosts);
    if (slots.length < BEST_TIMES.minSlots) continue;
    const ranked = slots.map((s) => {
      const [d, h] = label(s.slot);
      return { weekday: d, hour: h, lift: round(Math.exp(s.score)), posts: s.posts, confident: s.z >= BEST_TIMES.confidence || s.z <= -BEST_TIMES.confidence };
    }).sort((a, b) => b.lift - a.lift || a.hour - b.hour);
    const strong = ranked.filter((s) => s.confident && s.lift > 1);
    const note = strong.length > 0
      ? `${n} posts; ${strong.length} slot${strong.length === 1 ? ' does' : 's do'} clearly better than the account's baseline`
      : `${n} posts; no slot does clearly better or worse than the account's baseline`;
    return { method, posts: n, slots: ranked, note, reason: { kind: 'ranked', posts: n, better: strong.length } };
  }
  return fallback(n, activity, { kind: 'too-few-slots', posts: n, minSlots: BEST_TIMES.minSlots, minSlotPosts: BEST_TIMES.minSlotPosts }, `${n} posts, but fewer than ${BEST_TIMES.minSlots} slots have ${BEST_TIMES.minSlotPosts} posts each: post at a few more different hours`);
}

/** r[i] = log views minus the median of up to `k` posts before and `k` after (the post itself left out). */
function neighbourResiduals(logs: Float64Array, k: number): Float64Array {
  const n = logs.length;
  const out = new Float64Array(n);
  const window = new Float64Array(2 * k);
  for (let i = 0; i < n; i++) {
    // Near the ends the window shifts inward, so every post has 2k neighbours when there are.
    let from = Math.max(0, i - k);
    let to = Math.min(n - 1, i + k);
    if (to - from < 2 * k) {
      if (from === 0) to = Math.min(n - 1, 2 * k);
      else from = Math.max(0, n - 1 - 2 * k);
    }
    // Insertion sort: 14 numbers sort faster inline than through TypedArray#sort.
    let m = 0;
    for (let j = from; j <= to; j++) {
      if (j === i) continue;
      const x = logs[j]!;
      let k = m++;
      while (k > 0 && window[k - 1]! > x) {
        window[k] = window[k - 1]!;
        k--;
      }
      window[k] = x;
    }
    const median = m % 2 === 1 ? window[(m - 1) / 2]! : (window[m / 2 - 1]! + window[m / 2]!) / 2;
    out[i] = logs[i]! - median;
  }
  return out;
}

function residualSpread(residual: Float64Array): number {
  let sum = 0;
  let squares = 0;
  for (const r of residual) {
    sum += r;
    squares += r * r;
  }
  const mean = sum / residual.length;
  return Math.sqrt(Math.max(squares / residual.length - mean * mean, 1e-6));
}

function scoreSlots(n: number, slotOf: (i: number) => number, residual: Float64Array, weight: Float64Array, spread: number) {
  const sums = new Map<number, { w: number; wr: number; w2: number; posts: number }>();
  for (let i = 0; i < n; i++) {
    const slot = slotOf(i);
    let s = sums.get(slot);
    if (!s) sums.set(slot, (s = { w: 0, wr: 0, w2: 0, posts: 0 }));
    s.w += weight[i]!;
    s.wr += weight[i]! * residual[i]!;
    s.w2 += weight[i]! * weight[i]!;
    s.posts++;
  }
  return [...sums].map(([slot, s]) => {
    const score = s.wr / (s.w + BEST_TIMES.shrinkage);
    // Effective sample size of the weighted mean (Kish): (Σw)² / Σw².
    const effective = (s.w * s.w) / s.w2;
    return { slot, posts: s.posts, score, z: (s.wr / s.w) / (spread / Math.sqrt(effective)) };
  });
}

// Distributes over the union: each fallback kind without `followers` (set below).
type FallbackReason = Extract<BestTimesReason, { followers: boolean }> extends infer R ? R extends { followers: boolean } ? Omit<R, 'followers'> : never : never;

function fallback(n: number, activity: readonly number[] | undefined, reason: FallbackReason, why: string): BestTimes {
  if (activity && activity.some((a) => a > 0)) {
    const known = activity.filter((a) => a > 0);
    const mean = known.reduce((s, a) => s + a, 0) / known.length;
    const slots = activity.map((a, h) => ({ weekday: null, hour: h, lift: round(a / mean), posts: 0, confident: false }))
      .filter((s) => s.lift > 0).sort((a, b) => b.lift - a.lift || a.hour - b.hour);
    return { method: 'follower-activity', posts: n, slots, note: `${why}; until then, the hours its followers are most active`, reason: { ...reason, followers: true } as BestTimesReason };
  }
  return { method: 'none', posts: n, slots: [], note: why, reason: { ...reason, followers: false } as BestTimesReason };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
