// `at: best`: the hour in the day before the stream (at least 15 minutes before it) whose slot
// the account's data ranks best, clearly better than its baseline; else the fixed fallback,
// 3 hours before the start. Follower activity counts when it is all the data there is. The reason
// names the metric the slots were ranked by (the account's, or views after a fallback).
import { formatSlot } from './format-slot.ts';
import { localHour } from './local-hour.ts';
import type { AccountBestTimes } from './read-best-times.ts';

export const BEST_SLOT = {
  /** How far before the stream a post may go. */
  windowHours: 24,
  /** The latest a post may go: this many minutes before the start. */
  minLeadMinutes: 15,
  /** Without data: this many seconds before the start (the research's usual T-3h). */
  fallbackSeconds: -3 * 3600,
  /** Follower activity is used only when its best hour is this much above the average. */
  minActivityLift: 1.1,
} as const;

export interface BestSlotChoice {
  due: Date;
  /** Which slot and why, for `promo posts plan`. */
  why: string;
  /** False when the fixed fallback was used. */
  fromData: boolean;
}

/** The due time of an `at: best` post for the stream starting at `occurrence`. */
export function pickBestSlot(occurrence: Date, best: AccountBestTimes | undefined): BestSlotChoice {
  const fallback = (reason: string): BestSlotChoice => ({
    due: new Date(occurrence.getTime() + BEST_SLOT.fallbackSeconds * 1000),
    why: `fixed fallback T-3h: ${reason}`,
    fromData: false,
  });
  if (!best) return fallback('no insights imported for this channel (promo insights import)');
  const usable = best.slots.filter((s) => (best.method === 'follower-activity' ? s.lift >= BEST_SLOT.minActivityLift : s.confident && s.lift > 1));
  const by = best.metric === best.requested ? best.metric : `${best.metric} (${best.requested} is missing)`;
  if (usable.length === 0) return fallback(`${best.platform}/${best.account} by ${by}: ${best.note}`);
  const where = localHour(best.zone);
  const start = occurrence.getTime();
  let chosen: { at: number; slot: (typeof usable)[number] } | undefined;
  // Whole hours back from the stream; the nearest hour of the best slot wins a tie (fresher post).
  for (let at = Math.floor(start / 3_600_000) * 3_600_000; at >= start - BEST_SLOT.windowHours * 3_600_000; at -= 3_600_000) {
    if (start - at < BEST_SLOT.minLeadMinutes * 60_000) continue;
    const { weekday, hour } = where(at);
    const slot = usable.find((s) => (s.weekday === null || s.weekday === weekday)
      && (best.method === '3-hour-block' ? hour >= s.hour && hour < s.hour + 3 : hour === s.hour));
    if (slot && (!chosen || slot.lift > chosen.slot.lift)) chosen = { at, slot };
  }
  if (!chosen) return fallback(`${best.platform}/${best.account} by ${by}: no slot that does clearly better falls in the ${BEST_SLOT.windowHours} h before the stream`);
  const { slot } = chosen;
  const basis = best.method === 'follower-activity'
    ? `its followers are most active then (${slot.lift.toFixed(2)}× the average hour)`
    : `${slot.lift.toFixed(2)}× the account's baseline in ${by} over ${slot.posts} posts, by ${best.method}`;
  return { due: new Date(chosen.at), why: `best slot ${formatSlot(slot, best.method)} ${best.zone} for ${best.platform}/${best.account}: ${basis}`, fromData: true };
}
