// Rates as exports write them: `12.3%`, `0.123` or `12.3` (a plain number above 1 is a percent);
// in a column whose header says `(%)` every plain number is a percent. Stored as a fraction.
import { CellError } from './cell-error.ts';
import { parseCount } from './parse-count.ts';

/** The rate in `text` as a fraction (0.123), null when empty; throws CellError when not a rate. */
export function parseRate(text: string, percentColumn = false): number | null {
  const t = text.trim();
  const percent = t.endsWith('%');
  let value: number | null;
  try {
    value = parseCount(percent ? t.slice(0, -1) : t);
  } catch {
    throw new CellError(`${JSON.stringify(t.slice(0, 40))} is not a rate; write 12.3%, 0.123 or 12.3`);
  }
  if (value === null) return null;
  const fraction = percent || percentColumn || value > 1 ? value / 100 : value;
  if (fraction < 0 || fraction > 1) throw new CellError(`${JSON.stringify(t.slice(0, 40))} is not a rate between 0 and 100%`);
  return fraction;
}
