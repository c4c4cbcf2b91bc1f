// A zone's UTC offset at many instants, fast: luxon asks Intl once per UTC hour and the answer is
// kept (asking Intl is most of the time an import or a ranking takes otherwise). A DST change
// falls on a UTC hour in every zone with whole-hour offsets; in the few with half-hour offsets,
// the half hour after a change may be read with the old offset.
import { IANAZone } from 'luxon';

const CACHES = new Map<string, (ms: number) => number>();

/** A function giving `zone`'s offset from UTC in minutes at an instant (ms). */
export function zoneOffset(zone: string): (ms: number) => number {
  let lookup = CACHES.get(zone);
  if (lookup) return lookup;
  const iana = IANAZone.create(zone);
  const offsets = new Map<number, number>();
  lookup = (ms) => {
    const key = Math.floor(ms / 3_600_000);
    let offset = offsets.get(key);
    if (offset === undefined) {
      offset = iana.offset(ms);
      if (offsets.size > 1_000_000) offsets.clear();
      offsets.set(key, offset);
    }
    return offset;
  };
  CACHES.set(zone, lookup);
  return lookup;
}
