// promo's own XLSX reader (src/insights/xlsx/) against the exceljs loader the import used before:
// every XLSX fixture and seeded random workbooks, written by exceljs and as raw XML, must give
// the same sheets, rows, cells and formula marks, so no export reads differently than it did.
import { describe, expect, it } from 'vitest';
import { exportFixtures } from '../../scripts/insights/export-fixtures.ts';
import { hostileFixtures } from '../../scripts/insights/hostile-fixtures.ts';
import { readTableFile } from '../../src/insights/read-table-file.ts';
import { randomExceljsWorkbook } from './helpers/random-exceljs-workbook.ts';
import { randomRawWorkbook } from './helpers/random-raw-workbook.ts';
import { readSheetsWithExceljs } from './helpers/read-sheets-with-exceljs.ts';

async function expectSameAsExceljs(name: string, bytes: Buffer): Promise<number> {
  const ours = (await readTableFile(name, bytes)).map((s) => ({ sheet: s.sheet, rows: s.rows, formulas: [...s.formulas].sort() }));
  const reference = await readSheetsWithExceljs(bytes);
  expect(ours, name).toEqual(reference);
  return reference.reduce((n, s) => n + s.rows.reduce((m, row) => m + row.length, 0), 0);
}

describe('the XLSX reader reads what exceljs read', () => {
  it('in every XLSX fixture', async () => {
    const fixtures = { ...(await exportFixtures()), ...(await hostileFixtures()) };
    const workbooks = Object.entries(fixtures).filter(([name]) => name.endsWith('.xlsx'));
    expect(workbooks.length).toBeGreaterThanOrEqual(5);
    for (const [name, bytes] of workbooks) expect(await expectSameAsExceljs(name, bytes)).toBeGreaterThan(0);
  }, 120_000);

  it('in 25 seeded random workbooks written by exceljs', async () => {
    let cells = 0;
    for (let seed = 1; seed <= 25; seed++) cells += await expectSameAsExceljs(`exceljs-${seed}.xlsx`, await randomExceljsWorkbook(seed));
    expect(cells).toBeGreaterThan(3_000);
  }, 120_000);

  it('in 25 seeded random workbooks written as raw XML', async () => {
    let cells = 0;
    for (let seed = 1; seed <= 25; seed++) cells += await expectSameAsExceljs(`raw-${seed}.xlsx`, randomRawWorkbook(seed));
    expect(cells).toBeGreaterThan(3_000);
  }, 120_000);
});
