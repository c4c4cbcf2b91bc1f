// A zone's UTC offset at many instants, fast: luxon asks Intl (most of the time an import or a
// ranking would take otherwise) once per UTC day when the offset is the same at both ends of the
// day, else once per UTC hour for that day. A DST change falls on a UTC hour in every zone with
// whole-hour offsets; in the few with half-hour offsets, the half hour after a change may be
// read with the old offset.
import { IANAZone } from 'luxon';

const CACHES = new Map<string, (ms: number) => number>();
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** A day whose offset changes: look at its hours. */
const MIXED = Number.NaN;

/** A function giving `zone`'s offset from UTC in minutes at an instant (ms). */
export function zoneOffset(zone: string): (ms: number) => number {
  let lookup = CACHES.get(zone);
  if (lookup) return lookup;
  const iana = IANAZone.create(zone);
  const days = new Map<number, number>();
  const hours = new Map<number, number>();
  lookup = (ms) => {
    const day = Math.floor(ms / DAY);
    let offset = days.get(day);
    if (offset === undefined) {
      if (days.size > 100_000) days.clear();
      const start = iana.offset(day * DAY);
      offset = start === iana.offset(day * DAY + DAY - 1) ? start : MIXED;
      days.set(day, offset);
    }
    if (!Number.isNaN(offset)) return offset;
    const hour = Math.floor(ms / HOUR);
    let byHour = hours.get(hour);
    if (byHour === undefined) {
      if (hours.size > 100_000) hours.clear();
      byHour = iana.offset(hour * HOUR);
      hours.set(hour, byHour);
    }
    return byHour;
  };
  CACHES.set(zone, lookup);
  return lookup;
}
