// Turns a sheet's rows into records of promo's fields, following its layout: each mapped cell is
// read by its field's parser; a cell that cannot be read is a problem naming the sheet, row and
// column, and only its row is left out. Blank rows, totals rows (合计, 总计, Total) and repeated
// header rows are skipped; text is kept as text (a cell starting with `=` is never evaluated).
import { CellError } from './cell-error.ts';
import { columnLetter } from './column-letter.ts';
import { FIELD_TYPES, type FieldName, type FieldType } from './export-format.ts';
import type { SheetLayout } from './find-export-format.ts';
import { parseCount } from './parse-count.ts';
import { parseExportTime } from './parse-export-time.ts';
import { parseRate } from './parse-rate.ts';
import { parseWatchSeconds } from './parse-watch-seconds.ts';
import type { TableSheet } from './read-table-file.ts';

export type ExportRecord = { row: number } & Partial<Record<FieldName | 'end' | 'dateOnly', string | number | null>>;

export interface ImportProblem {
  /** `file.xlsx › 作品列表`. */
  where: string;
  /** 1-based, as spreadsheets number rows (absent for a whole-file problem). */
  row?: number;
  /** `C (播放量)`. */
  column?: string;
  message: string;
}

/** Excel's own limit; a longer cell is not from a platform export. */
export const MAX_CELL_CHARS = 32_767;
const TOTALS = /^(合计|总计|汇总|总和|total|totals|grand total|summary)$/i;

/** The records of `sheet` and the problems of the rows left out. */
export function readExportRows(sheet: TableSheet, layout: SheetLayout, zone: string, reference: number): { records: ExportRecord[]; problems: ImportProblem[]; skipped: number } {
  const records: ExportRecord[] = [];
  const problems: ImportProblem[] = [];
  let skipped = 0;
  // Each column's reader chosen once per sheet, not looked up by its type on every cell.
  const fields = [...layout.columns].map(([field, column]) => ({ field, column, header: layout.headers[column] ?? '', read: cellReader(field, FIELD_TYPES[field], layout.percentColumns.has(column), zone, reference) }));
  const firstField = fields[0];
  const firstHeader = firstField?.header.trim();
  const fail = (r: number, column: number, header: string, message: string) => {
    problems.push({ where: sheet.name, row: r + 1, column: `${columnLetter(column)} (${header.trim()})`, message });
    return true;
  };
  const formulas = sheet.formulas.size > 0;
  for (let r = layout.headerRow + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r]!;
    const first = cells.find((cell) => cell.trim() !== '');
    if (first === undefined || TOTALS.test(first.trim())) {
      skipped++;
      continue;
    }
    if (firstField && (cells[firstField.column] ?? '').trim() === firstHeader) {
      skipped++;
      continue;
    }
    const record: ExportRecord = { row: r + 1 };
    let bad = false;
    for (const { column, header, read } of fields) {
      const text = cells[column] ?? '';
      if (text.length > MAX_CELL_CHARS) {
        bad = fail(r, column, header, `the cell is ${text.length} characters long, over the ${MAX_CELL_CHARS} a spreadsheet cell holds; this is not a platform export`);
        continue;
      }
      if (formulas && sheet.formulas.has(`${r}:${column}`)) {
        bad = fail(r, column, header, `the cell is a formula (${text.slice(0, 40)}); promo reads values only and never evaluates formulas: export again, or paste values`);
        continue;
      }
      try {
        read(text, record);
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        bad = fail(r, column, header, error.message);
      }
    }
    if (bad) continue;
    if (layout.format.kind === 'products' && typeof record.productId === 'string' && record.productId.startsWith('-')) {
      skipped++;
      continue;
    }
    records.push(record);
  }
  return { records, problems, skipped };
}

type CellReader = (text: string, record: ExportRecord) => void;

/** What reads one column's cells into `field` of a record (throws CellError). */
function cellReader(field: FieldName, type: FieldType, percent: boolean, zone: string, reference: number): CellReader {
  if (type === 'text') return (text, record) => { record[field] = text.trim(); };
  if (type === 'count') return (text, record) => { record[field] = parseCount(text); };
  if (type === 'rate') return (text, record) => { record[field] = parseRate(text, percent); };
  if (type === 'seconds') return (text, record) => { record[field] = parseWatchSeconds(text); };
  if (type === 'flag') return (text, record) => { record[field] = parseFlag(text); };
  if (type === 'time') {
    return (text, record) => {
      const t = text.trim();
      const at = t === '' || t === '--' ? null : parseExportTime(text, zone, reference);
      record[field] = at;
      // `Jul 24, 2026` or a whole Excel day: the day is known, the hour is not.
      if (field === 'published' && at !== null && !/:|\.\d*[1-9]/.test(text)) record.dateOnly = 1;
    };
  }
  return (text, record) => {
    const [start, end] = splitRange(text);
    record.start = parseExportTime(start, zone, reference);
    record.end = end === undefined ? null : parseExportTime(end, zone, reference);
  };
}

function parseFlag(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === '' || t === '-' || t === '--') return null;
  if (['是', 'yes', 'true', '1', 'y'].includes(t)) return 1;
  if (['否', 'no', 'false', '0', 'n'].includes(t)) return 0;
  throw new CellError(`${JSON.stringify(text.slice(0, 40))} is not yes or no (是/否)`);
}

// `2026/07/28 08:15:49-2026/07/28 15:44:39`: the dash between two times, not inside a date.
function splitRange(text: string): [string, string | undefined] {
  const match = /^(.*?\d{1,2}:\d{2}(?::\d{2})?)\s*(?:-|~|至|—)\s*(\d{4}.*)$/.exec(text.trim());
  return match ? [match[1]!, match[2]!] : [text, undefined];
}
