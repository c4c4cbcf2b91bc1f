// The import's XLSX reading as it was with exceljs (until issue 14), kept word for word as the
// reference the new reader (src/insights/xlsx/) must match cell for cell.
import ExcelJS from 'exceljs';

export interface ReferenceSheet {
  sheet: string;
  rows: string[][];
  formulas: string[];
}

/** Every worksheet of `bytes` through exceljs' workbook loader, cells as the import saw them. */
export async function readSheetsWithExceljs(bytes: Uint8Array): Promise<ReferenceSheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  const sheets: ReferenceSheet[] = [];
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
    sheets.push({ sheet: worksheet.name, rows, formulas: [...formulas].sort() });
  }
  return sheets;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
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
