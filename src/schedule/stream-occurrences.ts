// The starts of a stream that posts are planned for: its one start, or each time of a recurring
// stream (cron in the stream's zone) from now, or its first start, until the horizon.
import { CronExpressionParser } from 'cron-parser';
import type { StreamSpec } from '../promo-spec/spec-types.ts';

/** The stream starts posts are planned for; undefined when the stream has neither start nor repeat. */
export function streamOccurrences(stream: StreamSpec, now: Date, horizonSeconds: number): Date[] | undefined {
  if (!stream.repeat) return stream.start ? [stream.start.utc] : undefined;
  const from = stream.start && stream.start.utc > now ? stream.start.utc : now;
  const until = now.getTime() + horizonSeconds * 1000;
  // One second back, so a start exactly at `from` counts.
  const times = CronExpressionParser.parse(stream.repeat, { currentDate: new Date(from.getTime() - 1000), tz: stream.timezone });
  const found: Date[] = [];
  while (found.length < 1000) {
    const next = times.next().toDate();
    if (next.getTime() > until) break;
    found.push(next);
  }
  return found;
}
