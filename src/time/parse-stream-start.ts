// Reads a stream's start time: local wall-clock time in the stream's zone, or ISO 8601 with an
// offset. The result never depends on the machine's TZ.
import { DateTime } from 'luxon';
import type { StreamStart } from './stream-start.ts';
import { resolveLocalTime, type WallClockTime } from './resolve-local-time.ts';

/** `YYYY-MM-DD HH:mm[:ss[.fff]]`, `T` or a space between, optionally followed by `Z` or an offset. */
export const STREAM_START_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?: ?(Z|z|[+-]\d{2}(?::?\d{2})?))?$/;

export type ParseStreamStartResult =
  | { ok: true; start: StreamStart; warning?: string }
  | { ok: false; message: string };

/** Parses `text` as a start time in `zone` (a valid IANA name). */
export function parseStreamStart(text: string, zone: string): ParseStreamStartResult {
  const match = STREAM_START_PATTERN.exec(text);
  if (!match) {
    return { ok: false, message: `"${text}" is not a start time; write "YYYY-MM-DD HH:mm" in the stream's time zone, or ISO 8601 with an offset ("2026-12-01T20:00+08:00")` };
  }
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const wall: WallClockTime = {
    year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute),
    second: Number(second ?? 0), millisecond: fraction ? Math.floor(Number(fraction) * 1000) : 0,
  };
  const written = `${year}-${month}-${day}T${hour}:${minute}${second === undefined ? '' : `:${second}`}`;
  const shown = `${year}-${month}-${day} ${hour}:${minute}${second === undefined ? '' : `:${second}`}`;

  if (offset !== undefined) {
    const offsetMinutes = parseOffset(offset);
    const resolved = resolveLocalTime(wall, 'UTC');
    if (resolved.kind !== 'single' || offsetMinutes === undefined) {
      return { ok: false, message: `"${text}" is not a real date and time; check the month, day, hour and offset` };
    }
    const utc = new Date(resolved.utcMs - offsetMinutes * 60_000);
    const inZone = DateTime.fromMillis(utc.getTime(), { zone });
    const local = inZone.toFormat(second === undefined ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss");
    return { ok: true, start: { utc, local, zone } };
  }

  const resolved = resolveLocalTime(wall, zone);
  switch (resolved.kind) {
    case 'invalid':
      return { ok: false, message: `"${text}" is not a real date and time; check the month, day, hour and minute` };
    case 'gap': {
      const suggestion = DateTime.fromMillis(resolved.shiftedMs, { zone }).toFormat('yyyy-MM-dd HH:mm');
      return {
        ok: false,
        message: `${shown} does not exist in ${zone}: the clocks jump forward ${formatMinutes(resolved.jumpMinutes)} that night, skipping it; choose a time that exists, e.g. ${suggestion}`,
      };
    }
    case 'overlap': {
      const { earlier, later } = resolved;
      return {
        ok: true,
        start: { utc: new Date(earlier.utcMs), local: written, zone },
        warning: `${shown} happens twice in ${zone} (the clocks go back that night); using the first, ${new Date(earlier.utcMs).toISOString()} (UTC${formatOffset(earlier.offsetMinutes)}) — to mean the second, write the offset: "${written}${formatOffset(later.offsetMinutes)}"`,
      };
    }
    case 'single':
      return { ok: true, start: { utc: new Date(resolved.utcMs), local: written, zone } };
  }
}

function parseOffset(text: string): number | undefined {
  if (text === 'Z' || text === 'z') return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  if (hours > 14 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function formatMinutes(minutes: number): string {
  if (minutes === 60) return 'an hour';
  if (minutes % 60 === 0) return `${minutes / 60} hours`;
  return `${minutes} minutes`;
}
