// Reads an export file into sheets of text cells, whatever it is: an XLSX workbook (every sheet),
// a CSV in any of the encodings decodeText knows, or a ZIP of them (TikTok Studio, YouTube
// Studio). Cells are kept as text; formulas are never evaluated, only marked, so the importer can
// refuse them; a ZIP or workbook that inflates past ZIP_LIMITS is refused whole.
import { parse } from 'csv-parse/sync';
import { decodeText } from './decode-text.ts';
import { parsePlainCsv } from './parse-plain-csv.ts';
import { readZipEntries, ZIP_LIMITS, ZipLimitError } from './read-zip-entries.ts';
import type { TableSheet } from './table-sheet.ts';
import { UnreadableFileError } from './unreadable-file-error.ts';
import { readXlsxSheets } from './xlsx/read-xlsx-sheets.ts';

// Their old home: the importer and the format finder import them from here.
export type { TableSheet } from './table-sheet.ts';
export { UnreadableFileError } from './unreadable-file-error.ts';

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
    if (entries.has('[Content_Types].xml') && [...entries.keys()].some((e) => e.startsWith('xl/'))) return readXlsxSheets(name, entries);
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
