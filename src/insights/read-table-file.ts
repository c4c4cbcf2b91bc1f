// Reads an export file into sheets of text cells, whatever it is: an XLSX workbook (every sheet),
// a CSV in any of the encodings decodeText knows, or a ZIP of them (TikTok Studio, YouTube
// Studio). Cells are kept as text; formulas are never evaluated, only marked, so the importer can
// refuse them; a ZIP or workbook that inflates past ZIP_LIMITS is refused whole.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { decodeText } from './decode-text.ts';
import { parsePlainCsv } from './parse-plain-csv.ts';
import { readZipEntries, ZIP_LIMITS, ZipLimitError } from './read-zip-entries.ts';

export interface TableSheet {
  /** `file.xlsx › 基本信息`, `Content_x.zip › Content.csv`. */
  name: string;
  /** The sheet's own name (XLSX) or the file's (CSV). */
  sheet: string;
  rows: string[][];
  /** `row:col` (0-based) of cells holding a formula. */
  formulas: Set<string>;
  /** CSV only: the encoding it was in. */
  encoding?: string;
}

/** Thrown for a file promo cannot read at all (the message names what it is instead). */
export class UnreadableFileError extends Error {}

const MAX_CSV_RECORD = 4 * 1024 * 1024;

/** The sheets of an export file (`name` is only for messages and ZIP entry kinds). */
export async function readTableFile(name: string, bytes: Uint8Array, depth = 0): Promise<TableSheet[]> {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new UnreadableFileError('is a legacy Excel .xls workbook; open it in Excel or WPS and save it as .xlsx (or CSV)');
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    let entries: Map<string, Uint8Array>;
    try {
      entries = readZipEntries(bytes, ZIP_LIMITS);
    } catch (error) {
      if (error instanceof ZipLimitError) throw new UnreadableFileError(error.message);
      throw error;
    }
    if (entries.has('[Content_Types].xml') && [...entries.keys()].some((e) => e.startsWith('xl/'))) return readWorkbook(name, bytes, entries);
    if (depth > 0) throw new UnreadableFileError('is a ZIP inside a ZIP; unpack the outer one');
    const sheets: TableSheet[] = [];
    for (const [entry, data] of entries) {
      if (!/\.(csv|xlsx|tsv|txt)$/i.test(entry) || entry.startsWith('__MACOSX/')) continue;
      for (const sheet of await readTableFile(`${name} › ${entry}`, data, depth + 1)) sheets.push({ ...sheet, name: sheet.name, sheet: sheet.sheet });
    }
    if (sheets.length === 0) throw new UnreadableFileError('is a ZIP with no CSV or XLSX in it');
    return sheets;
  }
  return [readCsv(name, bytes)];
}

async function readWorkbook(name: string, bytes: Uint8Array, entries: Map<string, Uint8Array>): Promise<TableSheet[]> {
  const names = [...entries.keys()];
  if (names.some((e) => /vbaProject\.bin$/i.test(e))) throw new UnreadableFileError('is a workbook with macros; platforms never export macros, so promo does not read it');
  if (names.some((e) => e.startsWith('xl/externalLinks/'))) throw new UnreadableFileError('is a workbook with links to other workbooks; save a copy with values only');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnreadableFileError(`is not a readable XLSX workbook: ${(error as Error).message}`);
  }
  const sheets: TableSheet[] = [];
  for (const worksheet of workbook.worksheets) {
    const rows: string[][] = [];
    const formulas = new Set<string>();
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let c = 1; c < values.length; c++) {
        const value = values[c];
        if (value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) formulas.add(`${rowNumber - 1}:${c - 1}`);
        cells[c - 1] = cellText(value);
      }
      for (let c = 0; c < cells.length; c++) cells[c] ??= '';
      rows[rowNumber - 1] = cells;
    });
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    sheets.push({ name: `${name} › ${worksheet.name}`, sheet: worksheet.name, rows, formulas });
  }
  return sheets;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // exceljs gives date-formatted cells as Dates whose UTC fields are the wall time written.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; formula?: string; error?: string };
    if (v.richText) return v.richText.map((part) => part.text).join('');
    if (v.formula !== undefined || 'sharedFormula' in v) return `=${v.formula ?? ''}`;
    if (v.error !== undefined) return String(v.error);
    if (v.text !== undefined) return cellText(v.text);
  }
  return String(value);
}

function readCsv(name: string, bytes: Uint8Array): TableSheet {
  const decoded = decodeText(bytes);
  let text = decoded.text;
  // Excel's `sep=,` first line (Instagram's account CSVs) names the delimiter.
  let delimiter: string | undefined;
  const sep = /^sep=(.)\r?\n/.exec(text);
  if (sep) {
    delimiter = sep[1];
    text = text.slice(sep[0].length);
  }
  delimiter ??= guessDelimiter(text);
  let rows: string[][];
  try {
    rows = parsePlainCsv(text, delimiter, MAX_CSV_RECORD) ?? parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: MAX_CSV_RECORD }) as string[][];
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new UnreadableFileError(`is not readable CSV${e.lines ? ` at line ${e.lines}` : ''}: ${e.message.replace(/^Invalid Record Length: /, '')}`);
  }
  const sheet = name.split(/[\\/›]/).pop()!.trim();
  return { name, sheet, rows, formulas: new Set(), encoding: decoded.encoding };
}

function guessDelimiter(text: string): string {
  const head = text.slice(0, 4096).split('\n').slice(0, 5).join('\n');
  const count = (c: string) => head.split(c).length - 1;
  return count('\t') > count(',') && count('\t') > count(';') ? '\t' : count(';') > count(',') ? ';' : ',';
}
