// Helpers for the insights fixtures: XLSX workbooks through exceljs, CSV text the way each
// platform writes it (quoting, BOM, encoding, line ends), ZIPs through fflate.
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';

export type Cell = string | number | Date | { formula: string; result?: number } | null;

/** An XLSX with `sheets` (name → rows); Dates are written as date cells. */
export async function xlsx(sheets: Record<string, Cell[][]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // Fixed, so a rerun writes the same workbook.
  workbook.created = workbook.modified = new Date(Date.UTC(2026, 7, 1));
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) {
      const added = sheet.addRow(row.map((cell) => cell ?? null));
      row.forEach((cell, c) => {
        if (cell instanceof Date) added.getCell(c + 1).numFmt = 'yyyy-mm-dd hh:mm:ss';
      });
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface CsvStyle {
  encoding?: 'utf-8' | 'utf-16le' | 'gb18030';
  bom?: boolean;
  quoteAll?: boolean;
  eol?: string;
  trailingNewline?: boolean;
  /** Excel's `sep=,` first line. */
  sepLine?: boolean;
  delimiter?: string;
}

/** CSV bytes as a platform writes them. */
export function csv(rows: (string | number)[][], style: CsvStyle = {}): Buffer {
  const delimiter = style.delimiter ?? ',';
  const quote = (v: string | number) => {
    const s = String(v);
    return style.quoteAll || /[",\n\r\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const eol = style.eol ?? '\r\n';
  let text = (style.sepLine ? `sep=${delimiter}${eol}` : '') + rows.map((row) => row.map(quote).join(delimiter)).join(eol);
  if (style.trailingNewline ?? true) text += eol;
  const encoding = style.encoding ?? 'utf-8';
  const body = iconv.encode(text, encoding);
  const bom = style.bom ? (encoding === 'utf-16le' ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xef, 0xbb, 0xbf])) : Buffer.alloc(0);
  return Buffer.concat([bom, body]);
}

/** A ZIP of `files`; `store` keeps them uncompressed, as TikTok's are. */
export function zip(files: Record<string, Buffer>, store = false): Buffer {
  const entries: Record<string, [Uint8Array, { level: 0 | 6; mtime: Date }]> = {};
  for (const [name, data] of Object.entries(files)) entries[name] = [new Uint8Array(data), { level: store ? 0 : 6, mtime: new Date(Date.UTC(2026, 7, 1)) }];
  return Buffer.from(zipSync(entries));
}
