// A post's place before its stream in words a person reads ("3 h before", "开播前3小时"), the
// team's code (T-3h, postLabel) kept beside it for those who plan by it.
import type { Translate } from './dashboard-types.ts';

/** `due`'s offset from the stream's start `occurrence` in words: "1 h 30 min before", "开播后5分钟". */
export function describeLead(due: Date, occurrence: Date, t: Translate): string {
  const minutes = Math.round((occurrence.getTime() - due.getTime()) / 60_000);
  if (minutes === 0) return t('lead.atStart');
  const total = Math.abs(minutes);
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  const span = hours > 0 && rest > 0 ? t('lead.hoursMinutes', { hours, minutes: rest })
    : hours > 0 ? t('lead.hours', { hours }) : t('lead.minutes', { minutes: rest });
  return t(minutes > 0 ? 'lead.before' : 'lead.after', { span });
}
