// Weekday and hour of many instants in one zone, fast: the zone's offset is asked once per UTC
// hour (a DST change falls on a UTC hour in every zone with whole-hour offsets; in the few with
// half-hour offsets, the half hour after a change may be read with the old offset).
import { IANAZone } from 'luxon';

/** A function giving `{ weekday: 0 (Sunday)–6, hour: 0–23 }` of an instant in `zone`. */
export function localHour(zone: string): (ms: number) => { weekday: number; hour: number } {
  const iana = IANAZone.create(zone);
  const offsets = new Map<number, number>();
  return (ms) => {
    const key = Math.floor(ms / 3_600_000);
    let offset = offsets.get(key);
    if (offset === undefined) {
      offset = iana.offset(ms);
      offsets.set(key, offset);
    }
    const local = ms + offset * 60_000;
    const day = Math.floor(local / 86_400_000);
    // 1970-01-01 was a Thursday (4).
    return { weekday: (((day + 4) % 7) + 7) % 7, hour: Math.floor((local - day * 86_400_000) / 3_600_000) };
  };
}
