// An instant as "2026-12-01 20:00" in a zone, for pages showing thousands of times: one
// Intl.DateTimeFormat per zone, made once (luxon per time is slower by far at 10 000 posts).

const formats = new Map<string, Intl.DateTimeFormat>();

/** `instant` (ISO or Date) as yyyy-MM-dd HH:mm in `zone`. */
export function zonedTime(instant: string | Date, zone: string): string {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(zone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(typeof instant === 'string' ? new Date(instant) : instant)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
