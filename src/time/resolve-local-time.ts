// Turns a wall-clock time in an IANA zone into the instant(s) it names, without ever consulting
// the machine's own zone: a time in a DST gap names none, one in an overlap names two.
import { IANAZone } from 'luxon';

export interface WallClockTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export type LocalTimeResolution =
  /** Not a calendar date or clock time (2026-02-30, 24:10). */
  | { kind: 'invalid' }
  | { kind: 'single'; utcMs: number; offsetMinutes: number }
  /** Skipped by a forward transition; `shiftedMs` is the instant the same wall time plus the jump names. */
  | { kind: 'gap'; jumpMinutes: number; shiftedMs: number }
  /** Repeated by a backward transition: both instants, earlier first. */
  | { kind: 'overlap'; earlier: { utcMs: number; offsetMinutes: number }; later: { utcMs: number; offsetMinutes: number } };

const DAY_MS = 86_400_000;

/** Finds the instants at which the clocks in `zone` (a valid IANA name) show `wall`. */
export function resolveLocalTime(wall: WallClockTime, zone: string): LocalTimeResolution {
  const wallMs = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  const check = new Date(wallMs);
  // Date.UTC rolls 2026-02-30 over to March: a changed field means the input was not a real time.
  if (
    Number.isNaN(wallMs) || check.getUTCFullYear() !== wall.year || check.getUTCMonth() !== wall.month - 1 ||
    check.getUTCDate() !== wall.day || check.getUTCHours() !== wall.hour || check.getUTCMinutes() !== wall.minute ||
    check.getUTCSeconds() !== wall.second
  ) {
    return { kind: 'invalid' };
  }
  const tz = IANAZone.create(zone);
  // Any transition near this wall time lies within a day of it, so the offsets in force a day
  // before and a day after (and at the naive instant) are every offset that could apply.
  const before = tz.offset(wallMs - DAY_MS);
  const after = tz.offset(wallMs + DAY_MS);
  const offsets = new Set([before, tz.offset(wallMs), after]);
  const matches: { utcMs: number; offsetMinutes: number }[] = [];
  for (const offset of offsets) {
    const utcMs = wallMs - offset * 60_000;
    if (tz.offset(utcMs) === offset) matches.push({ utcMs, offsetMinutes: offset });
  }
  matches.sort((a, b) => a.utcMs - b.utcMs);
  const [first, second] = matches;
  if (!first) {
    const jumpMinutes = after - before;
    return { kind: 'gap', jumpMinutes, shiftedMs: wallMs - before * 60_000 };
  }
  if (second) return { kind: 'overlap', earlier: first, later: second };
  return { kind: 'single', ...first };
}
