// IANA time zone names: validation and canonical spelling.
import { IANAZone } from 'luxon';

// Zones every ICU knows, spelled as Intl spells them: the config's default and UTC. Answered
// without Intl, whose first time-zone lookup loads ICU's zone data (~30 ms of CPU): promo render
// checks the default zone on every run but never looks at a time.
const CANONICAL = new Set(['Asia/Shanghai', 'UTC']);

/** Whether `zone` is an IANA zone name this Node knows (`Asia/Shanghai`, `UTC`); offsets like `+08:00` are not. */
export function isValidTimeZone(zone: string): boolean {
  return CANONICAL.has(zone) || (zone.length <= 64 && IANAZone.isValidZone(zone));
}

/** The zone's canonical spelling (`asia/shanghai` → `Asia/Shanghai`); assumes a valid zone. */
export function canonicalTimeZone(zone: string): string {
  if (CANONICAL.has(zone)) return zone;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    // Only fix the letter case: Intl may also swap in a link target (`Asia/Calcutta`), which would
    // surprise the person who wrote the other name.
    return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
  } catch {
    return zone;
  }
}
