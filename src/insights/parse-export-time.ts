// Times as exports write them, read as wall-clock times in the export's zone and returned as
// instants (ms): `2026/09/07 08:55:37`, `2026-09-07 08:55`, `2026年9月7日 08:55`, `2026/7/24`,
// Excel serial days (46233.5 = 2026-07-30 12:00; WeChat Channels), `09/07/2026 08:55` (Instagram,
// month first), `Sep 10, 2026` (YouTube), ISO 8601 with Z or an offset (the offset wins), and
// TikTok's year-less `September 17` (the latest such day not after `reference`).
import { DateTime } from 'luxon';
import { CellError } from './cell-error.ts';
import { zoneOffset } from './zone-offset.ts';

const YMD = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})(?:\.\d+)?)?秒?)?$/;
const MDY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?)?$/i;
const NAMED = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?)?$/i;
const ISO_ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const SERIAL = /^\d{5}(?:\.\d+)?$/;
/** Per zone: the offset (minutes) to take from a wall quarter hour to reach its instant. */
const SHIFTS = new Map<string, Map<number, number>>();
const QUARTER = 900_000;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The instant `text` names in `zone`; throws CellError when it is not a time. */
export function parseExportTime(text: string, zone: string, reference?: number): number {
  const t = text.trim();
  const plain = plainTime(t, zone);
  if (plain !== undefined) return plain;
  let m = YMD.exec(t);
  if (m) return wall(t, zone, +m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  if (SERIAL.test(t)) {
    const days = Number(t);
    // Excel's day 0 is 1899-12-30 (its 1900 leap-year bug is before day 61, long before exports).
    if (days < 20_000 || days > 80_000) throw new CellError(`${JSON.stringify(t)} is not a time (as an Excel date it is outside 1954–2119)`);
    const utc = Date.UTC(1899, 11, 30) + Math.round(days * 86_400_000 / 1000) * 1000;
    const d = new Date(utc);
    return wall(t, zone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
  }
  if (ISO_ZONED.test(t)) return Date.parse(t);
  m = MDY.exec(t);
  if (m) return wall(t, zone, +m[3]!, +m[1]!, +m[2]!, hour12(m[4], m[7]), +(m[5] ?? 0), +(m[6] ?? 0));
  m = NAMED.exec(t);
  const month = m ? MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase()) + 1 : 0;
  if (m && month > 0) {
    const hour = hour12(m[4], m[7]);
    if (m[3]) return wall(t, zone, +m[3], month, +m[2]!, hour, +(m[5] ?? 0), +(m[6] ?? 0));
    if (reference === undefined) throw new CellError(`${JSON.stringify(t)} has no year`);
    const refYear = DateTime.fromMillis(reference, { zone }).year;
    for (const year of [refYear, refYear - 1]) {
      const at = wall(t, zone, year, month, +m[2]!, hour, +(m[5] ?? 0), +(m[6] ?? 0));
      if (at <= reference + 86_400_000) return at;
    }
  }
  throw new CellError(`${JSON.stringify(t.slice(0, 40))} is not a time; promo reads 2026-09-07 08:55, 2026/9/7, 2026年9月7日, 09/07/2026 08:55, Sep 7, 2026 or an Excel date`);
}

function hour12(hour: string | undefined, half: string | undefined): number {
  const h = Number(hour ?? 0);
  if (!half) return h;
  return (h % 12) + (half.toLowerCase() === 'pm' ? 12 : 0);
}

function wall(text: string, zone: string, year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(naive);
  // Date.UTC rolls 2026-02-30 over into March: a day that does not exist is not a time.
  if (Number.isNaN(naive) || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || hour > 23 || minute > 59 || second > 59) {
    throw new CellError(`${JSON.stringify(text.slice(0, 40))} is not a real time`);
  }
  // The wall time's instant: the offset there, corrected once where a DST change lies between.
  // Cached per zone and quarter hour of wall time: zoneOffset's answer is the same over a UTC
  // hour, and with an offset in whole quarter hours a wall quarter hour lies within one.
  let cache = SHIFTS.get(zone);
  if (!cache) SHIFTS.set(zone, (cache = new Map()));
  if (cache.size > 100_000) cache.clear();
  const slot = Math.floor(naive / QUARTER);
  let shift = cache.get(slot);
  if (shift === undefined) {
    const offsetAt = zoneOffset(zone);
    const near = offsetAt(naive);
    shift = offsetAt(naive - near * 60_000);
    if (near % 15 !== 0 || shift % 15 !== 0) return naive - shift * 60_000;
    cache.set(slot, shift);
  }
  return naive - shift * 60_000;
}

/**
 * `2026-09-07 08:55:37`, `2026/09/07 08:55` (most cells of a big export) read without a
 * regular expression; undefined for anything else, which the patterns above then read.
 */
function plainTime(t: string, zone: string): number | undefined {
  if (t.length !== 19 && t.length !== 16) return undefined;
  const dash = t.charCodeAt(4);
  if ((dash !== 45 && dash !== 47 && dash !== 46) || t.charCodeAt(7) !== dash) return undefined;
  const gap = t.charCodeAt(10);
  if ((gap !== 32 && gap !== 84) || t.charCodeAt(13) !== 58 || (t.length === 19 && t.charCodeAt(16) !== 58)) return undefined;
  const year = digits(t, 0, 4);
  const month = digits(t, 5, 2);
  const day = digits(t, 8, 2);
  const hour = digits(t, 11, 2);
  const minute = digits(t, 14, 2);
  const second = t.length === 19 ? digits(t, 17, 2) : 0;
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  return wall(t, zone, year, month, day, hour, minute, second);
}

/** The `length` decimal digits of `t` at `at` as a number, -1 when any is not a digit. */
function digits(t: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}
