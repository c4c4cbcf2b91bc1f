// Formats a stream's start for cards and covers, in the stream's zone and language:
// zh "12月1日 周二 20:00 开播", en "Tue 1 Dec, 20:00 (GMT+8)".
import { DateTime } from 'luxon';
import type { StreamSpec } from '../promo-spec/spec-types.ts';

export interface StreamTime {
  /** zh "12月1日 周二", en "Tue 1 Dec". */
  date: string;
  /** "20:00" (24-hour). */
  time: string;
  /** The whole line: zh "12月1日 周二 20:00 开播", en "Tue 1 Dec, 20:00 (GMT+8)". */
  datetime: string;
  /** "GMT+8", "GMT-4:30". */
  zone: string;
}

// Names spelled out here rather than taken from ICU so output is the same on every Node build.
const ZH_WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const EN_WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// Chinese viewers read a bare time as Beijing time, so zh lines name the zone only when it differs.
const BEIJING_OFFSET_MINUTES = 8 * 60;

/** The start in `stream.timezone`, or undefined when the stream has no start. */
export function formatStreamTime(stream: StreamSpec): StreamTime | undefined {
  if (!stream.start) return undefined;
  const at = DateTime.fromJSDate(stream.start.utc, { zone: stream.timezone });
  const zoned = at.isValid ? at : DateTime.fromJSDate(stream.start.utc, { zone: stream.start.zone });
  const time = zoned.toFormat('HH:mm');
  const zone = gmtOffset(zoned.offset);
  if (stream.language === 'zh') {
    const date = `${zoned.month}月${zoned.day}日 ${ZH_WEEKDAYS[zoned.weekday - 1] ?? ''}`;
    const suffix = zoned.offset === BEIJING_OFFSET_MINUTES ? '' : `（${zone}）`;
    return { date, time, datetime: `${date} ${time} 开播${suffix}`, zone };
  }
  const date = `${EN_WEEKDAYS[zoned.weekday - 1] ?? ''} ${zoned.day} ${EN_MONTHS[zoned.month - 1] ?? ''}`;
  return { date, time, datetime: `${date}, ${time} (${zone})`, zone };
}

function gmtOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hours = Math.floor(abs / 60);
  const rest = abs % 60;
  return `GMT${sign}${hours}${rest === 0 ? '' : `:${String(rest).padStart(2, '0')}`}`;
}
