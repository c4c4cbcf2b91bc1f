// The `--now <iso>` option of commands that judge by a clock (posts, schedule, status).
import { PromoError } from '../util/promo-error.ts';

/** The time `--now` names (with its zone), or the real clock without it. */
export function parseNow(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(date.getTime()) || !/(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    throw new PromoError('USAGE', `--now ${text}: expected an ISO 8601 time with a zone, e.g. 2026-11-30T12:00:00Z`);
  }
  return date;
}
