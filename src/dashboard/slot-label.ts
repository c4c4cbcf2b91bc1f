// A best-times slot as the page shows it: `20:00`, `18:00–21:00`, or the weekday in the page's
// language before it (周六 20:00 / Sat 20:00); the times come from formatSlot, as the CLI's.
import { formatSlot } from '../insights/format-slot.ts';
import type { BestTimesMethod } from '../insights/rank-best-times.ts';
import type { Translate } from './dashboard-types.ts';

/** The slot's label in the page's language. */
export function slotLabel(slot: { weekday: number | null; hour: number }, method: BestTimesMethod, t: Translate): string {
  const time = formatSlot({ weekday: null, hour: slot.hour }, method);
  return slot.weekday === null ? time : `${t(`insights.day.${slot.weekday}`)} ${time}`;
}
