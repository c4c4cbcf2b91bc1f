// Counts and amounts as exports write them: `12,400`, `"18,400"`, `1.2K`, `3.4M`, `1.2万`, `1.5w`,
// `2亿`, `¥236,552`, `236552元`; `--`, `-`, `—` and blank (and TikTok's `undefined`) are empty.
import { CellError } from './cell-error.ts';

const EMPTY = new Set(['', '-', '--', '—', '–', 'undefined', 'null', 'n/a', 'na', '/']);
const SCALE: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, '万': 1e4, w: 1e4, '亿': 1e8 };
const DIGITS = /^\d+$/;
const PLAIN = /^\d+(?:\.\d+)?$/;
const NUMBER = /^([-+]?)(\d+(?:\.\d+)?|\.\d+)(k|m|b|万|w|亿)?$/;

/** The number in `text`, or null when the cell is empty; throws CellError for anything else. */
export function parseCount(text: string): number | null {
  // Fast path: plain digits or decimals (most cells of a big export), before trimming or
  // lower-casing; Number() reads them as the full path below would.
  if (PLAIN.test(text)) return Number(text);
  let t = text.trim();
  if (EMPTY.has(t.toLowerCase())) return null;
  if (DIGITS.test(t)) return Number(t);
  t = t.replace(/^[¥￥$€]|[元次人个件]$/g, '').replace(/[,，\s]/g, '').toLowerCase();
  const match = NUMBER.exec(t);
  if (!match) throw new CellError(`${JSON.stringify(short(text))} is not a number`);
  const value = Number(match[2]) * (match[3] ? SCALE[match[3]]! : 1);
  return match[1] === '-' ? -value : value;
}

function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
