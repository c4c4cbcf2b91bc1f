// The dashboard's language: `dashboard.lang` in config.yaml when set, else the first of zh or en
// in the browser's Accept-Language (by q), else English.
import type { Lang } from './dashboard-types.ts';

/** The language of a response. */
export function pickLang(configured: Lang | undefined, acceptLanguage: string | undefined): Lang {
  if (configured) return configured;
  const ranked = (acceptLanguage ?? '').split(',').map((part, index) => {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? 1);
    return { primary: tag.split('-')[0], q: Number.isFinite(q) ? q : 0, index };
  }).filter((entry) => entry.q > 0).sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) if (entry.primary === 'zh' || entry.primary === 'en') return entry.primary;
  return 'en';
}
