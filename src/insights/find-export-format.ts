// Finds which export a sheet is, by its header row: the first 10 rows are tried (Xiaohongshu's
// header is on row 2, below a hint line; other exports put a title or date range above), and the
// format whose required headers are all there and that maps the most of the row wins.
import type { ExportFormat, FieldName } from './export-format.ts';
import { normalizeHeader } from './normalize-header.ts';
import type { TableSheet } from './read-table-file.ts';

export interface SheetLayout {
  format: ExportFormat;
  /** 0-based row of the headers. */
  headerRow: number;
  /** Field → 0-based column. */
  columns: Map<FieldName, number>;
  /** Columns whose header says `(%)`: plain numbers there are percents. */
  percentColumns: Set<number>;
  /** The header text of each column, as written. */
  headers: string[];
}

const SCAN_ROWS = 10;

/** The format and header row of `sheet` among `formats`, or undefined when none matches. */
export function findExportFormat(sheet: TableSheet, formats: readonly ExportFormat[]): SheetLayout | undefined {
  let best: { score: number; layout: SheetLayout } | undefined;
  for (let r = 0; r < Math.min(SCAN_ROWS, sheet.rows.length); r++) {
    const headers = sheet.rows[r]!;
    const normalized = headers.map((cell) => normalizeHeader(cell));
    const index = new Map<string, number>();
    normalized.forEach((h, c) => {
      if (h && !index.has(h)) index.set(h, c);
    });
    for (const format of formats) {
      if (!format.required.every((h) => index.has(h))) continue;
      const columns = new Map<FieldName, number>();
      for (const [field, names] of Object.entries(format.columns) as [FieldName, readonly string[]][]) {
        const found = names.find((name) => index.has(name));
        if (found !== undefined) columns.set(field, index.get(found)!);
      }
      const distinctive = (format.distinctive ?? []).filter((h) => index.has(h)).length;
      const named = format.sheets?.includes(sheet.sheet) ? 5 : 0;
      const score = columns.size + 2 * distinctive + named;
      if (!best || score > best.score) {
        const percentColumns = new Set<number>();
        normalized.forEach((h, c) => {
          if (h.endsWith('(%)')) percentColumns.add(c);
        });
        best = { score, layout: { format, headerRow: r, columns, percentColumns, headers } };
      }
    }
  }
  return best?.layout;
}
