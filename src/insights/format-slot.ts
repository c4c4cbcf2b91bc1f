// A slot as people read it: `20:00`, `Sat 20:00`, `18:00–21:00` (3-hour blocks).
import type { BestTimesMethod } from './rank-best-times.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The slot's label; `method` tells a 3-hour block from an hour. */
export function formatSlot(slot: { weekday: number | null; hour: number }, method?: BestTimesMethod): string {
  const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
  const time = method === '3-hour-block' ? `${hh(slot.hour)}–${hh(slot.hour + 3)}` : hh(slot.hour);
  return slot.weekday === null ? time : `${DAYS[slot.weekday]} ${time}`;
}
