// Weekday and hour of many instants in one zone, fast (offsets through zone-offset.ts's cache).
import { zoneOffset } from './zone-offset.ts';

/** A function giving `{ weekday: 0 (Sunday)–6, hour: 0–23 }` of an instant in `zone`. */
export function localHour(zone: string): (ms: number) => { weekday: number; hour: number } {
  const offsetAt = zoneOffset(zone);
  return (ms) => {
    const local = ms + offsetAt(ms) * 60_000;
    const day = Math.floor(local / 86_400_000);
    // 1970-01-01 was a Thursday (4).
    return { weekday: (((day + 4) % 7) + 7) % 7, hour: Math.floor((local - day * 86_400_000) / 3_600_000) };
  };
}
