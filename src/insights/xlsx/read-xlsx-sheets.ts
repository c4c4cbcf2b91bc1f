// Reads an XLSX workbook's sheets from the ZIP entries readZipEntries already inflated (within its
// ZIP-bomb limits), so nothing is inflated twice and no general XML parser or workbook model is
// built: only the parts that hold text are read (workbook, shared strings, the number formats of
// styles, each worksheet's cells, merges and hyperlinks).
import type { TableSheet } from '../table-sheet.ts';
import { UnreadableFileError } from '../unreadable-file-error.ts';
import { applyMergedCells } from './apply-merged-cells.ts';
import { findXmlTags } from './find-xml-tags.ts';
import { readDateStyles } from './read-date-styles.ts';
import { readSharedStrings } from './read-shared-strings.ts';
import { readSheetCells } from './read-sheet-cells.ts';
import { readWorkbookSheets } from './read-workbook-sheets.ts';

/** Most cells one sheet may hold, blanks in gaps and merged ranges counted (a 100 000-row export has 1.6 million). */
export const MAX_SHEET_CELLS = 20_000_000;

const utf8 = new TextDecoder('utf-8');

/** Every worksheet of the workbook in `entries`, in the workbook's order; `name` is the file's, for sheet names. */
export function readXlsxSheets(name: string, entries: Map<string, Uint8Array>): TableSheet[] {
  const names = [...entries.keys()];
  if (names.some((e) => /vbaProject\.bin$/i.test(e))) throw new UnreadableFileError('is a workbook with macros; platforms never export macros, so promo does not read it');
  if (names.some((e) => e.startsWith('xl/externalLinks/'))) throw new UnreadableFileError('is a workbook with links to other workbooks; save a copy with values only');
  const text = (entry: string) => {
    const bytes = entries.get(entry);
    return bytes === undefined ? undefined : utf8.decode(bytes);
  };
  const workbookXml = text('xl/workbook.xml');
  if (workbookXml === undefined) throw new UnreadableFileError('is not a readable XLSX workbook: it has no xl/workbook.xml; save it again from Excel or WPS');
  const workbook = readWorkbookSheets(workbookXml, text('xl/_rels/workbook.xml.rels'), (entry) => entries.has(entry));
  const sharedStrings = readSharedStrings(text('xl/sharedStrings.xml'));
  const dateStyles = readDateStyles(text('xl/styles.xml'));
  return workbook.sheets.map(({ name: sheet, entry }) => {
    const bytes = entries.get(entry)!;
    // Merges and hyperlinks come after the cells: only that tail is decoded to text.
    const tailAt = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).lastIndexOf('</sheetData>');
    const tail = utf8.decode(tailAt === -1 ? bytes : bytes.subarray(tailAt));
    // Only hyperlinks with a relationship (a URL): exceljs gave those cells their text only.
    const hyperlinks = new Set(findXmlTags(tail, 'hyperlink').filter((h) => h['r:id'] && h.ref).map((h) => h.ref!));
    const merges = findXmlTags(tail, 'mergeCell').map((m) => m.ref ?? '');
    const cells = readSheetCells(bytes, { sheet, sharedStrings, dateStyles, date1904: workbook.date1904, hyperlinks, maxCells: MAX_SHEET_CELLS });
    if (merges.length > 0) applyMergedCells(cells, merges, sheet, MAX_SHEET_CELLS);
    return { name: `${name} › ${sheet}`, sheet, rows: cells.rows, formulas: cells.formulas };
  });
}
