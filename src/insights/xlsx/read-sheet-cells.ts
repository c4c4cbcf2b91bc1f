// The cells of one worksheet part as text, the way the import has always seen them (exceljs
// before): shared and inline strings as their text, numbers as JavaScript prints them,
// date-formatted numbers as `YYYY-MM-DD HH:MM:SS` wall time, booleans `true`/`false`, errors as
// written (`#N/A`), formulas as `=…` and marked (a cached value is never the cell's text, nothing is
// evaluated). A hand-written scanner over the inflated bytes: decoding the part to one string and
// walking it, or any DOM or SAX pass, costs several times more on 100 000 rows (README, benchmark
// 19); only the text of cells that are not a plain `<v>` index or integer is decoded.
import { columnLetter } from '../column-letter.ts';
import { UnreadableFileError } from '../unreadable-file-error.ts';
import { CELL_TYPE, cellValueText } from './cell-value-text.ts';
import { decodeXmlText } from './decode-xml-text.ts';
import { readCellParts } from './read-cell-parts.ts';

export interface SheetCellsContext {
  /** The sheet's name, for messages. */
  sheet: string;
  sharedStrings: string[];
  /** Per cellXfs index: 1 when its number format is a date. */
  dateStyles: Uint8Array;
  date1904: boolean;
  /** Addresses (`B7`) with a hyperlink: their text is the cached value, even for a formula. */
  hyperlinks: Set<string>;
  /** Most cells (blank ones in gaps included) the sheet may hold. */
  maxCells: number;
}

export interface SheetCells {
  rows: string[][];
  formulas: Set<string>;
}

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
// Counts are mostly small: one string per value instead of one per cell spares the collector.
const SMALL_INTEGERS = 100_000;
const smallIntegers: string[] = [];

/** The rows of text cells in `bytes` (a worksheet part, UTF-8), gaps filled with ''. */
export function readSheetCells(bytes: Uint8Array, context: SheetCellsContext): SheetCells {
  const rows: string[][] = [];
  const formulas = new Set<string>();
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = buf.indexOf('<sheetData');
  const startEnd = start === -1 ? -1 : buf.indexOf(62, start);
  if (startEnd === -1 || bytes[startEnd - 1] === 47) return { rows, formulas };
  let end = buf.indexOf('</sheetData>', startEnd);
  if (end === -1) end = bytes.length;
  const { sharedStrings, dateStyles, date1904, hyperlinks } = context;
  const fail = (row: number, col: number, message: string): never => {
    throw new UnreadableFileError(`is an XLSX workbook promo cannot read: sheet ${context.sheet}, row ${row}, column ${col > 0 ? columnLetter(col - 1) : '?'}: ${message}`);
  };
  const missing = (row: number, col: number, raw: string) => fail(row, col, `the cell refers to shared string ${raw}, but xl/sharedStrings.xml has ${sharedStrings.length}; the file is damaged, export it again`);
  let rowNumber = 0;
  let cells: string[] | undefined;
  let hasValues = false;
  let col = 0;
  let total = 0;
  let valueEnd = 0;
  let i = startEnd + 1;
  while (i < end) {
    if (bytes[i] !== 60) {
      i++;
      continue;
    }
    const b1 = bytes[i + 1]!;
    const b2 = bytes[i + 2]!;
    if (b1 === 99 /* c */ && (b2 <= 32 || b2 === 62 || b2 === 47)) {
      // r, t and s in one pass over the tag, other attributes' quoted values skipped.
      let refFrom = -1;
      let refTo = -1;
      let type: number = CELL_TYPE.number;
      let style = 0;
      let p = i + 2;
      while (p < end) {
        const b = bytes[p]!;
        if (b === 62) break;
        if (b === 34 || b === 39) {
          p = skipTo(bytes, p + 1, end, b) + 1;
          continue;
        }
        const name = bytes[p + 1];
        if (b <= 32 && bytes[p + 2] === 61 && (name === 114 || name === 116 || name === 115)) {
          const quote = bytes[p + 3]!;
          const q = skipTo(bytes, p + 4, end, quote);
          if (name === 114) {
            refFrom = p + 4;
            refTo = q;
          } else if (name === 116) type = typeOf(bytes, p + 4, q);
          else style = digitsOf(bytes, p + 4, q, false);
          p = q + 1;
          continue;
        }
        p++;
      }
      const tagEnd = p;
      if (refFrom === -1) col++;
      else {
        col = columnOf(bytes, refFrom, refTo);
        if (col === 0) fail(rowNumber, 0, `the cell reference ${JSON.stringify(buf.toString('utf8', refFrom, Math.min(refTo, refFrom + 20)))} is not a column and row like B7`);
      }
      if (col > MAX_COLUMNS) fail(rowNumber, col, 'the cell is past column XFD, the last a spreadsheet has');
      if (cells === undefined || tagEnd >= end) {
        i = tagEnd + 1;
        continue;
      }
      const linked = hyperlinks.size > 0 && refFrom !== -1 && hyperlinks.has(decodeXmlText(buf.toString('utf8', refFrom, refTo)));
      const isDate = style > 0 && dateStyles[style] === 1;
      let text: string | undefined;
      let formula: string | undefined;
      if (bytes[tagEnd - 1] === 47) {
        // `<c r="B2" s="3"/>`: no value, not a cell of the row (unless it is a link).
        if (linked) text = '';
        i = tagEnd + 1;
      } else if (bytes[tagEnd + 1] === 60 && bytes[tagEnd + 2] === 118 && bytes[tagEnd + 3] === 62 && isValueThenEnd(bytes, (valueEnd = skipTo(bytes, tagEnd + 4, end, 60)))) {
        // The usual cell, `<c r="A2" t="s"><v>16</v></c>` or `<c r="E2"><v>1000</v></c>`: the index or
        // the integer read straight from the bytes.
        const from = tagEnd + 4;
        const to = valueEnd;
        const digits = type === CELL_TYPE.shared || (type === CELL_TYPE.number && !isDate) ? digitsOf(bytes, from, to, type === CELL_TYPE.number) : -1;
        if (digits >= 0) text = type === CELL_TYPE.shared ? sharedStrings[digits] ?? missing(rowNumber, col, String(digits)) : digits < SMALL_INTEGERS ? (smallIntegers[digits] ??= String(digits)) : buf.toString('latin1', from, to);
        else if (to > from) {
          const raw = decodeXmlText(buf.toString('utf8', from, to));
          text = cellValueText(raw, type, isDate, date1904, sharedStrings) ?? missing(rowNumber, col, raw);
        }
        i = to + 8;
      } else {
        let close = buf.indexOf('</c>', tagEnd);
        if (close === -1 || close > end) close = end;
        const parts = readCellParts(buf.toString('utf8', tagEnd + 1, close));
        formula = linked ? undefined : parts.formula;
        if (formula !== undefined) text = formula;
        else if (parts.raw !== '') text = cellValueText(parts.raw, type, isDate, date1904, sharedStrings) ?? missing(rowNumber, col, parts.raw);
        else if (linked) text = '';
        i = close + 4;
      }
      if (text !== undefined) {
        cells[col - 1] = text;
        hasValues = true;
        if (formula !== undefined) formulas.add(`${rowNumber - 1}:${col - 1}`);
        else if (formulas.size > 0) formulas.delete(`${rowNumber - 1}:${col - 1}`);
      }
    } else if (b1 === 114 /* r */ && b2 === 111 /* o */ && bytes[i + 3] === 119 /* w */ && (bytes[i + 4]! <= 32 || bytes[i + 4] === 62 || bytes[i + 4] === 47)) {
      const tagEnd = skipTo(bytes, i + 4, end, 62);
      const r = /\sr\s*=\s*["']([^"']*)/.exec(buf.toString('latin1', i + 4, tagEnd))?.[1];
      // A row without `r` follows the one before (some writers leave it out; Excel reads them so).
      const number = r === undefined ? rowNumber + 1 : Number(r);
      if (!(Number.isInteger(number) && number >= 1 && number <= MAX_ROWS)) fail(rowNumber + 1, 0, `the row number ${JSON.stringify(r?.slice(0, 20))} is not between 1 and ${MAX_ROWS}`);
      rowNumber = number;
      col = 0;
      hasValues = false;
      cells = bytes[tagEnd - 1] === 47 ? undefined : [];
      i = tagEnd + 1;
    } else if (b1 === 47 && b2 === 114 && bytes[i + 3] === 111 && bytes[i + 4] === 119 && bytes[i + 5] === 62) {
      if (cells !== undefined && hasValues) {
        for (let c = 0; c < cells.length; c++) cells[c] ??= '';
        total += cells.length;
        if (total > context.maxCells) fail(rowNumber, cells.length, `the sheet has over ${context.maxCells.toLocaleString('en-US')} cells, more than any platform export; export a shorter date range`);
        rows[rowNumber - 1] = cells;
      }
      cells = undefined;
      i += 6;
    } else {
      i++;
    }
  }
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  return { rows, formulas };
}

/** The index of the next `byte` from `from` (or `end`). */
function skipTo(bytes: Uint8Array, from: number, end: number, byte: number): number {
  let at = from;
  while (at < end && bytes[at] !== byte) at++;
  return at;
}

// `</v></c>` at `at`: the cell holds its value and nothing else.
function isValueThenEnd(bytes: Uint8Array, at: number): boolean {
  return bytes[at + 1] === 47 && bytes[at + 2] === 118 && bytes[at + 3] === 62 && bytes[at + 4] === 60 && bytes[at + 5] === 47 && bytes[at + 6] === 99 && bytes[at + 7] === 62;
}

/** The cell type named by the `t` value between `from` and `to`. */
function typeOf(bytes: Uint8Array, from: number, to: number): number {
  const length = to - from;
  const first = bytes[from];
  if (length === 1) return first === 115 ? CELL_TYPE.shared : first === 98 ? CELL_TYPE.bool : first === 101 ? CELL_TYPE.error : CELL_TYPE.number;
  if (length === 3 && first === 115 && bytes[from + 1] === 116 && bytes[from + 2] === 114) return CELL_TYPE.str;
  if (length === 9 && first === 105 && Buffer.from(bytes.buffer, bytes.byteOffset + from, 9).toString('latin1') === 'inlineStr') return CELL_TYPE.inline;
  return CELL_TYPE.number;
}

/**
 * The number written in digits only between `from` and `to`, or -1. `canonical`: also -1 unless
 * JavaScript prints the number back the same (no leading zero, at most 15 digits).
 */
function digitsOf(bytes: Uint8Array, from: number, to: number, canonical: boolean): number {
  const length = to - from;
  if (length < 1 || length > 15 || (canonical && length > 1 && bytes[from] === 48)) return -1;
  let value = 0;
  for (let at = from; at < to; at++) {
    const digit = bytes[at]! - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** 1-based column of a reference like `AB12`; 0 when it is not letters then digits. */
function columnOf(bytes: Uint8Array, from: number, to: number): number {
  let col = 0;
  let at = from;
  for (; at < to; at++) {
    const code = bytes[at]! | 32;
    if (code < 97 || code > 122) break;
    col = col * 26 + code - 96;
  }
  if (at === from || at - from > 3 || at === to) return 0;
  const digit = bytes[at]!;
  return digit >= 48 && digit <= 57 ? col : 0;
}
