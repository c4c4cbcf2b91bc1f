// Merged ranges (`<mergeCell ref="A1:C1"/>`): every cell of a range shows its top-left cell's
// value, as exceljs handed it to the import (a title merged across a header row reads in each
// column). Slave cells' own values are dropped, as Excel drops them.
import { UnreadableFileError } from '../unreadable-file-error.ts';
import type { SheetCells } from './read-sheet-cells.ts';

/** Copies each range's top-left text (and formula mark) over the range in `cells`. */
export function applyMergedCells(cells: SheetCells, ranges: string[], sheet: string, maxCells: number): void {
  const { rows, formulas } = cells;
  let total = rows.reduce((sum, row) => sum + row.length, 0);
  for (const ref of ranges) {
    const range = parseRange(ref);
    if (!range) throw new UnreadableFileError(`is an XLSX workbook promo cannot read: sheet ${sheet} merges ${JSON.stringify(ref.slice(0, 40))}, which is not a range like A1:C2`);
    const [top, left, bottom, right] = range;
    // A range the size of the whole sheet (A1:XFD1048576) would be billions of cells.
    total += (bottom - top + 1) * (right - left + 1);
    if (total > maxCells) throw new UnreadableFileError(`is an XLSX workbook promo cannot read: sheet ${sheet} merges ${ref}, over ${maxCells.toLocaleString('en-US')} cells in all; this is not a platform export`);
    const master = rows[top]?.[left] ?? '';
    const masterFormula = formulas.has(`${top}:${left}`);
    for (let r = top; r <= bottom; r++) {
      // A column-only range leaves its top row as it was: the top-left cell is its only cell there.
      if (r === top && left === right) continue;
      const row = (rows[r] ??= []);
      for (let c = row.length; c < right; c++) row[c] = '';
      for (let c = left; c <= right; c++) {
        if (r === top && c === left) continue;
        row[c] = master;
        if (masterFormula) formulas.add(`${r}:${c}`);
        else formulas.delete(`${r}:${c}`);
      }
    }
  }
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
}

/** 0-based [top, left, bottom, right] of `B2:D4` (or `$B$2:$D$4`, or one cell). */
function parseRange(ref: string): [number, number, number, number] | undefined {
  const [a, b = a] = ref.replace(/\$/g, '').split(':');
  const from = /^([A-Z]{1,3})(\d{1,7})$/i.exec(a ?? '');
  const to = /^([A-Z]{1,3})(\d{1,7})$/i.exec(b ?? '');
  if (!from || !to) return undefined;
  const col = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const r1 = Number(from[2]) - 1;
  const r2 = Number(to[2]) - 1;
  const c1 = col(from[1]!);
  const c2 = col(to[1]!);
  if (r1 < 0 || r2 < 0 || Math.max(r1, r2) >= 1_048_576 || Math.max(c1, c2) >= 16_384) return undefined;
  return [Math.min(r1, r2), Math.min(c1, c2), Math.max(r1, r2), Math.max(c1, c2)];
}
