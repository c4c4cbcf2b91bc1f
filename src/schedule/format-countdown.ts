// "3小时后" / "in 3 hours": how long from a post to the stream it announces, in the stream's
// language, for the {{countdown}} placeholder.
import type { Language } from '../promo-spec/spec-types.ts';

/** A phrase for `seconds` until the stream starts (rounded to minutes). */
export function formatCountdown(seconds: number, language: Language): string {
  const minutes = Math.max(0, Math.round(seconds / 60));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (language === 'zh') {
    if (minutes === 0) return '马上';
    const parts = [days ? `${days}天` : '', hours ? `${hours}小时` : '', rest ? `${rest}分钟` : ''].join('');
    return `${parts}后`;
  }
  if (minutes === 0) return 'now';
  const unit = (n: number, word: string) => (n === 0 ? '' : `${n} ${word}${n === 1 ? '' : 's'}`);
  const parts = [unit(days, 'day'), unit(hours, 'hour'), unit(rest, 'minute')].filter(Boolean);
  return `in ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]}`;
}
