// A seeded random workbook written by exceljs, with everything a platform export (or a person
// saving one again) can put in cells: shared strings with spaces, line breaks, XML specials and
// `_xHHHH_` look-alikes, rich text, numbers of every size, dates under many formats, number formats
// that are not dates, booleans, errors, formulas with cached values (shared ones too), hyperlinks,
// styled empty cells, blank gaps, merged ranges, a header below title rows and several sheets.
import ExcelJS from 'exceljs';
import { rng } from '../../../scripts/samples/sample-kit.ts';

const TEXTS = ['作品名称', '紫砂壶开箱｜今晚8点直播间见', '  前后空格  ', '换行\n第二行', 'a<b>&c"d\'e', '_x0041_ 转义', '--', '合计', '12.3%', '=1+1', '', ' ', '😀 emoji', 'Total'];
const DATE_FORMATS = ['yyyy-mm-dd hh:mm:ss', 'yyyy/m/d', 'hh:mm', 'm/d/yy h:mm', '[h]:mm:ss', 'yyyy"年"m"月"d"日"', 'mmm d, yyyy', 'dd/mm/yyyy', 'h:mm AM/PM', '[$-804]yyyy-mm-dd'];
const NUMBER_FORMATS = ['0.00%', '#,##0 "次"', '[Red]0.00', '0.0', '#,##0.00', '@', '"¥"#,##0.00', '0.00E+00'];

/** An XLSX (bytes) drawn from `seed`. */
export async function randomExceljsWorkbook(seed: number): Promise<Buffer> {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const workbook = new ExcelJS.Workbook();
  workbook.created = workbook.modified = new Date(Date.UTC(2026, 7, 1));
  const sheetCount = 1 + Math.floor(random() * 3);
  for (let s = 0; s < sheetCount; s++) {
    const sheet = workbook.addWorksheet(`${pick(['作品列表', 'Sheet', '流量分析-短视频引流', 'data'])}${s}`);
    const columns = 2 + Math.floor(random() * 10);
    const rows = 5 + Math.floor(random() * 40);
    let r = 1 + Math.floor(random() * 3);
    sheet.getCell(1, 1).value = '[20260701-20260731]视频明细';
    for (let i = 0; i < rows; i++, r += random() < 0.15 ? 2 + Math.floor(random() * 3) : 1) {
      for (let c = 1; c <= columns; c++) {
        if (random() < 0.15) continue;
        const cell = sheet.getCell(r, c);
        const kind = random();
        if (kind < 0.3) cell.value = pick(TEXTS) + (random() < 0.5 ? String(Math.floor(random() * 100)) : '');
        else if (kind < 0.45) {
          cell.value = pick([0, 1, -3, 12400, 3.25, 0.1 + 0.2, 1e20, 1.5e-7, 123456789012345, -0.5, 46227.5]) * (random() < 0.5 ? 1 : Math.floor(random() * 50));
          if (random() < 0.3) cell.numFmt = pick(NUMBER_FORMATS);
        } else if (kind < 0.6) {
          cell.value = new Date(Date.UTC(2018 + Math.floor(random() * 9), Math.floor(random() * 12), 1 + Math.floor(random() * 28), Math.floor(random() * 24), Math.floor(random() * 60), Math.floor(random() * 60)));
          cell.numFmt = pick(DATE_FORMATS);
        } else if (kind < 0.66) cell.value = random() < 0.5;
        else if (kind < 0.7) cell.value = { error: pick(['#N/A', '#DIV/0!', '#VALUE!', '#REF!']) } as ExcelJS.CellErrorValue;
        else if (kind < 0.76) cell.value = { richText: [{ text: pick(TEXTS) || '粗体', font: { bold: true } }, { text: ` ${pick(TEXTS)}`, font: { color: { argb: 'FFFF0000' } } }] };
        else if (kind < 0.83) cell.value = { formula: pick(['A1*2', 'SUM(B2:B9)', 'TEXT(NOW(),"yyyy")', 'IF(A2>1,"是","否")']), result: pick([5, 'text result', true, 0]) } as ExcelJS.CellFormulaValue;
        else if (kind < 0.87) cell.value = { text: pick(TEXTS) || 'link', hyperlink: 'https://example.invalid/video/7391' };
        else if (kind < 0.92) cell.numFmt = pick([...DATE_FORMATS, ...NUMBER_FORMATS]);
        else cell.value = String(Math.floor(random() * 1e6));
      }
    }
    // A shared formula down one column: exceljs writes the first cell's formula and `si` for the rest.
    const column = 1 + Math.floor(random() * columns);
    sheet.getCell(r, column).value = { formula: 'ROW()*2', result: r * 2, shareType: 'shared', ref: `${sheet.getColumn(column).letter}${r}:${sheet.getColumn(column).letter}${r + 2}` } as ExcelJS.CellFormulaValue;
    for (let k = 1; k <= 2; k++) sheet.getCell(r + k, column).value = { sharedFormula: `${sheet.getColumn(column).letter}${r}`, result: (r + k) * 2 } as ExcelJS.CellSharedFormulaValue;
    // Merged ranges: a title across the top, and one inside the data (its covered cells lose their values).
    if (random() < 0.8) sheet.mergeCells(1, 1, 1, 1 + Math.floor(random() * columns));
    if (random() < 0.7) {
      const top = 3 + Math.floor(random() * 5);
      const left = 1 + Math.floor(random() * 3);
      sheet.mergeCells(top, left, top + Math.floor(random() * 3), left + Math.floor(random() * 3));
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
