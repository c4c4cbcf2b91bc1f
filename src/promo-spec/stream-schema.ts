// The spec's `stream`: the live stream the videos promote (title, host, start in its time zone,
// where to watch it, the cards' language, a recurring schedule).
import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';
import { STREAM_START_PATTERN } from '../time/parse-stream-start.ts';
import { isValidTimeZone } from '../time/time-zone.ts';
import { describeValue, textOf } from '../yaml/schema-helpers.ts';

export const streamSchema = z.strictObject({
  title: textOf(200, { min: 1 }).meta({ description: 'Stream title, shown on the title card' }),
  host: textOf(100).meta({ description: 'Host of the stream' }).optional(),
  start: z
    .string()
    .regex(STREAM_START_PATTERN, {
      error: (iss) => `${describeValue(iss.input)} is not a start time; write "YYYY-MM-DD HH:mm" in the stream's time zone, or ISO 8601 with an offset ("2026-12-01T20:00+08:00")`,
    })
    .meta({ description: 'Local time in `timezone` ("2026-12-01 20:00"), or ISO 8601 with Z or an offset' })
    .optional(),
  timezone: z
    .string()
    .refine(isValidTimeZone, { error: (iss) => `${describeValue(iss.input)} is not an IANA time zone; use a name like Asia/Shanghai, America/New_York or UTC` })
    .meta({ description: 'IANA zone; default from the config' })
    .optional(),
  url: z
    .string()
    .refine(isHttpUrl, { error: (iss) => `${describeValue(iss.input)} is not an http(s) URL; write the full address, e.g. https://live.example.com/room/8848` })
    .meta({ description: 'Where to watch the stream (http or https)' })
    .optional(),
  language: z.enum(['zh', 'en']).meta({ description: 'Language of cards; default zh when the title has CJK characters, else en' }).optional(),
  repeat: z
    .string()
    .refine(isValidCron, { error: (iss) => `${describeValue(iss.input)} is not a cron expression; write five fields (minute hour day month weekday), e.g. "0 20 * * 2,4" for 20:00 every Tuesday and Thursday` })
    .meta({ description: 'A recurring stream: cron (minute hour day month weekday) in the stream\'s zone' })
    .optional(),
});

function isValidCron(text: string): boolean {
  if (text.trim().split(/\s+/).length !== 5) return false;
  try {
    CronExpressionParser.parse(text, { tz: 'UTC' });
    return true;
  } catch {
    return false;
  }
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
