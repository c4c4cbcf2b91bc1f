// Proves the TZ projects really change the machine's zone for the tests they run (otherwise they
// would prove nothing about time-zone independence).
import { describe, expect, it } from 'vitest';

describe('the machine time zone', () => {
  it('is the one the project sets', () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (process.env.TZ) expect(zone).toBe(process.env.TZ === 'UTC' ? 'UTC' : process.env.TZ);
    // Local midnight of a winter date differs from UTC midnight except in UTC.
    const offset = new Date('2026-01-15T00:00:00').getTimezoneOffset();
    const expected = { UTC: 0, 'Asia/Shanghai': -480, 'America/New_York': 300 }[process.env.TZ ?? ''] ;
    if (expected !== undefined) expect(offset).toBe(expected);
    expect(typeof offset).toBe('number');
  });
});
