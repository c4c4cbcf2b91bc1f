// How a post's due time is written for a person: the wall-clock time in the stream's zone.
import { DateTime } from 'luxon';

/** `2026-11-30 20:00` in `zone`. */
export function localTime(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd HH:mm');
}
