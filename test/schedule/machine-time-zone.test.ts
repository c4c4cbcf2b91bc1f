// Proves the TZ projects really change the machine's zone for the tests they run (otherwise they
// would prove nothing about time-zone independence).
import { describe, expect, it } from 'vitest';

/** Offsets (minutes behind UTC, as getTimezoneOffset counts) on 2026-01-15 of the zones vitest.config.ts sets. */
const WINTER_OFFSETS: Record<string, number> = { UTC: 0, 'Asia/Shanghai': -480, 'America/New_York': 300 };
const WINTER_MIDNIGHT = '2026-01-15T00:00:00';

/** The offset `zone` has at `date`, read from Intl (not from Date's local time). */
function intlOffset(zone: string, date: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(date).find((part) => part.type === 'timeZoneName')!.value;
  const match = /^GMT(?:([+-])(\d\d):(\d\d))?$/.exec(name);
  if (!match) throw new Error(`unexpected offset name ${name}`);
  const minutes = match[1] ? Number(match[2]) * 60 + Number(match[3]) : 0;
  // "GMT+08:00" is 480 minutes ahead, which getTimezoneOffset counts as -480; `|| 0` avoids -0.
  return (match[1] === '-' ? minutes : -minutes) || 0;
}

describe('the machine time zone', () => {
  it('is the one the project sets', ({ task }) => {
    const project = task.file.projectName ?? '';
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const offset = new Date(WINTER_MIDNIGHT).getTimezoneOffset();
    if (project === 'all') {
      // The machine's own zone, whatever it is: local dates must use the zone Intl reports.
      expect(offset).toBe(intlOffset(zone, new Date(WINTER_MIDNIGHT)));
      return;
    }
    const set = /^TZ=(.+)$/.exec(project)?.[1] ?? '';
    expect(Object.keys(WINTER_OFFSETS), `project "${project}" sets a zone this test knows`).toContain(set);
    expect(process.env.TZ).toBe(set);
    expect(zone).toBe(set);
    // Local midnight of a winter date differs from UTC midnight except in UTC.
    expect(offset).toBe(WINTER_OFFSETS[set]);
  });
});
