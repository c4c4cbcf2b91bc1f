// Message lookup for one response. Pages bring their own messages (zh and en side by side, see
// Messages); dashboard-routes.ts merges them with the shell's. A key missing from the table comes
// out as the key itself, so a gap is visible, not blank.
import type { Lang, Messages, Translate } from './dashboard-types.ts';

/** The Translate of `lang` over `messages`. */
export function makeTranslator(lang: Lang, messages: Messages): Translate {
  return (key, vars) => {
    const text = messages[key]?.[lang] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;
  };
}
