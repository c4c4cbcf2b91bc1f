// What promo's XLSX reader does past exceljs: rows and cells without `r` (exceljs refused such
// files), and clear errors naming the sheet, row and column for damaged or oversized workbooks,
// which the import reports as a problem of that file while other files still import.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importExports } from '../../src/insights/import-exports.ts';
import { readTableFile, UnreadableFileError } from '../../src/insights/read-table-file.ts';
import { openStateDb } from '../../src/store/open-state-db.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';
import { workbookZip } from './helpers/workbook-zip.ts';

const sheet = (rows: string) => workbookZip({ sheets: [{ name: '作品列表', xml: `<sheetData>${rows}</sheetData>` }], sharedStrings: ['<si><t>作品名称</t></si>', '<si><t>播放量</t></si>'] });

async function failure(bytes: Buffer): Promise<string> {
  const error = await readTableFile('x.xlsx', bytes).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(UnreadableFileError);
  return (error as Error).message;
}

describe('the XLSX reader', () => {
  it('numbers rows and cells without r after the ones before, as Excel does', async () => {
    const [read] = await readTableFile('x.xlsx', sheet('<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row><row><c><v>1</v></c><c r="C2"><v>3</v></c><c><v>4</v></c></row><row r="5"><c r="B5"><v>5</v></c></row><row><c t="b"><v>1</v></c></row>'));
    expect(read!.rows).toEqual([['作品名称', '播放量'], ['1', '', '3', '4'], [], [], ['', '5'], ['true']]);
  });

  it('names the sheet, row and column of a cell that points past the shared strings', async () => {
    expect(await failure(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="7"><c r="D7" t="s"><v>99</v></c></row>'))).toBe(
      'is an XLSX workbook promo cannot read: sheet 作品列表, row 7, column D: the cell refers to shared string 99, but xl/sharedStrings.xml has 2; the file is damaged, export it again',
    );
  });

  it('refuses a bad reference, a cell past column XFD, a bad row number and a merge the size of the sheet', async () => {
    expect(await failure(sheet('<row r="3"><c r="7B"><v>1</v></c></row>'))).toMatch(/sheet 作品列表, row 3, column \?: the cell reference "7B" is not a column and row like B7/);
    expect(await failure(sheet('<row r="2"><c r="XFE2"><v>1</v></c></row>'))).toMatch(/row 2, column XFE: the cell is past column XFD/);
    expect(await failure(sheet('<row r="0"><c r="A1"><v>1</v></c></row>'))).toMatch(/row 1, column \?: the row number "0" is not between 1 and 1048576/);
    const merged = workbookZip({ sheets: [{ name: 'S', xml: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>' }] });
    expect(await failure(merged)).toMatch(/sheet S merges A1:XFD1048576, over 20,000,000 cells in all; this is not a platform export/);
  });

  it('says what is missing from a ZIP that only looks like a workbook', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const bytes = Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/styles.xml': strToU8('<styleSheet/>') }));
    expect(await failure(bytes)).toBe('is not a readable XLSX workbook: it has no xl/workbook.xml; save it again from Excel or WPS');
  });

  it('reports a damaged workbook as a problem of that file while the next file imports', async () => {
    const dir = makeTempDir('insights-xlsx-');
    const bad = join(dir, 'bad.xlsx');
    const good = join(dir, 'good.xlsx');
    writeFileSync(bad, sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="B2" t="s"><v>5</v></c></row>'));
    writeFileSync(good, workbookZip({
      sheets: [{ name: '作品列表', xml: '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>作品名称</t></is></c><c r="B1" t="inlineStr"><is><t>发布时间</t></is></c><c r="C1" t="inlineStr"><is><t>播放量</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>紫砂壶开箱</t></is></c><c r="B2" t="inlineStr"><is><t>2026-07-24 20:15:00</t></is></c><c r="C2"><v>12400</v></c></row></sheetData>' }],
    }));
    const db = openStateDb(join(dir, 'state.db'));
    const result = await importExports({ files: [bad, good], db, zoneOf: () => 'Asia/Shanghai', now: Date.UTC(2026, 7, 1) });
    const titles = (db.prepare('SELECT title, views FROM insight_posts').all() as { title: string; views: number }[]);
    db.close();
    expect(result.problems).toEqual([{ where: bad, message: expect.stringMatching(/^is an XLSX workbook promo cannot read: sheet 作品列表, row 2, column B: the cell refers to shared string 5/) }]);
    expect(titles).toEqual([{ title: '紫砂壶开箱', views: 12400 }]);
  });
});
