// Files that must not get in (scripts/insights/hostile-fixtures.ts): each gives a problem naming the
// file, and the row and column where a cell is at fault, while the good rows and files still import.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostileFixtures } from '../../scripts/insights/hostile-fixtures.ts';
import { importExports } from '../../src/insights/import-exports.ts';
import { openStateDb } from '../../src/store/open-state-db.ts';
import { makeTempDir } from '../helpers/make-temp-dir.ts';

let fixtures: Record<string, Buffer>;
beforeAll(async () => {
  fixtures = await hostileFixtures();
}, 60_000);

async function importOne(name: string) {
  const dir = makeTempDir('insights-hostile-');
  const file = join(dir, name);
  writeFileSync(file, fixtures[name]!);
  const db = openStateDb(join(dir, 'state.db'));
  const result = await importExports({ files: [file], db, zoneOf: () => 'Asia/Shanghai', now: Date.UTC(2026, 7, 1) });
  const titles = (db.prepare('SELECT title FROM insight_posts ORDER BY published_ms').all() as { title: string }[]).map((r) => r.title);
  db.close();
  return { file, result, titles };
}

describe('hostile export files', () => {
  it('stops a ZIP bomb whose headers lie by counting what it inflates', async () => {
    const { file, result, titles } = await importOne('zip-bomb.zip');
    expect(result.problems).toEqual([{ where: file, message: expect.stringMatching(/inflates past 256 MB for one entry \(entry Content\.csv\).*ZIP bomb/) }]);
    expect(titles).toEqual([]);
  });

  it('never evaluates formulas: a formula cell is refused, formula-like text stays text', async () => {
    const { file, result, titles } = await importOne('formulas.xlsx');
    expect(result.problems).toEqual([{ where: `${file} › 作品列表`, row: 3, column: 'C (播放量)', message: expect.stringMatching(/is a formula \(=1000\*1000\); promo reads values only/) }]);
    expect(titles).toEqual(['正常的一条', "=cmd|' /C calc'!A0"]);
  });

  it('refuses a cell past a spreadsheet\'s limit and keeps the next row', async () => {
    const { file, result, titles } = await importOne('huge-cell.csv');
    expect(result.problems).toEqual([{ where: file, row: 2, column: 'A (作品名称)', message: expect.stringMatching(/40000 characters long, over the 32767/) }]);
    expect(titles).toEqual(['正常的一条']);
  });

  it('names the row and column of each cell of the wrong type', async () => {
    const { file, result, titles } = await importOne('wrong-types.csv');
    expect(result.problems).toEqual([
      { where: file, row: 2, column: 'C (播放量)', message: '"lots" is not a number' },
      { where: file, row: 3, column: 'B (发布时间)', message: expect.stringMatching(/^"yesterday" is not a time; promo reads 2026-09-07 08:55/) },
      { where: file, row: 4, column: 'D (完播率)', message: '"150%" is not a rate between 0 and 100%' },
    ]);
    expect(titles).toEqual(['正常的一条']);
  });

  it('says what to do with a legacy .xls and a file that is no export', async () => {
    const xls = await importOne('legacy.xls');
    expect(xls.result.problems).toEqual([{ where: xls.file, message: expect.stringMatching(/legacy Excel \.xls.*save it as \.xlsx/) }]);
    const other = await importOne('not-an-export.csv');
    expect(other.result.problems).toEqual([{ where: other.file, message: expect.stringMatching(/no header row promo knows.*抖音创作者中心 作品列表/) }]);
  });
});
