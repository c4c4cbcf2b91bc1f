// How long ago, for a person: "12 s", "3 min", "2 h 5 min", "3 d".
import type { Translate } from './dashboard-types.ts';

/** `seconds` as a short duration in the response's language. */
export function formatAge(seconds: number, t: Translate): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 90) return t('age.seconds', { n: s });
  const minutes = Math.round(s / 60);
  if (minutes < 90) return t('age.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('age.hours', { h: hours, m: minutes % 60 });
  return t('age.days', { n: Math.floor(hours / 24) });
}
