// The cached zone offsets agree with luxon's at every quarter hour across both DST changes of a
// year in New York and in a zone that has none, and exported wall times keep their instants.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseExportTime } from '../../src/insights/parse-export-time.ts';
import { zoneOffset } from '../../src/insights/zone-offset.ts';

describe('zoneOffset', () => {
  it('equals luxon every 15 minutes of 2026', () => {
    for (const zone of ['America/New_York', 'Asia/Shanghai', 'Europe/London']) {
      const offset = zoneOffset(zone);
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 900_000) {
        const expected = DateTime.fromMillis(ms, { zone }).offset;
        if (offset(ms) !== expected) expect([zone, new Date(ms).toISOString(), offset(ms)]).toEqual([zone, new Date(ms).toISOString(), expected]);
      }
    }
  });

  it('reads wall times around New York\'s DST changes as luxon does', () => {
    for (const text of ['2026-03-08 01:30', '2026-03-08 03:30', '2026-11-01 00:30', '2026-11-01 02:30', '2026-07-04 12:00']) {
      const [date, time] = text.split(' ');
      const [y, m, d] = date!.split('-').map(Number);
      const [h, min] = time!.split(':').map(Number);
      expect(new Date(parseExportTime(text, 'America/New_York')).toISOString()).toBe(DateTime.fromObject({ year: y, month: m, day: d, hour: h, minute: min }, { zone: 'America/New_York' }).toUTC().toISO({ suppressMilliseconds: false }));
    }
  });
});
