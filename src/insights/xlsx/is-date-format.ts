// Whether a number format shows a date or time, by the rule exceljs (and so the import until now)
// uses: a y, m, d, h, M, s or b (Buddhist year) left once `[…]` (colours, locales, elapsed-time
// brackets) and quoted text are removed. `0.0%`, `#,##0 "次"` and `[Red]0` are plain numbers.

/** True for a format code that makes a number cell a date. */
export function isDateFormat(code: string | undefined): boolean {
  if (!code) return false;
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}
