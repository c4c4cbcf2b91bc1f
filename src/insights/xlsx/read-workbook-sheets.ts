// xl/workbook.xml and xl/_rels/workbook.xml.rels: the worksheets in the workbook's order, each
// with its name and the ZIP entry holding its cells, and the workbook's date system.
import { findXmlTags } from './find-xml-tags.ts';

export interface WorkbookSheets {
  sheets: { name: string; entry: string }[];
  /** Serial dates count from 1904-01-01 (old Mac Excel) instead of 1899-12-30. */
  date1904: boolean;
}

/** The worksheets of a workbook, from its two parts' text (chart and dialog sheets left out). */
export function readWorkbookSheets(workbookXml: string, relsXml: string | undefined, has: (entry: string) => boolean): WorkbookSheets {
  const targets = new Map<string, { type: string; target: string }>();
  for (const rel of findXmlTags(relsXml ?? '', 'Relationship')) if (rel.Id) targets.set(rel.Id, { type: rel.Type ?? '', target: rel.Target ?? '' });
  const sheets: WorkbookSheets['sheets'] = [];
  for (const sheet of findXmlTags(workbookXml, 'sheet')) {
    const rel = targets.get(sheet['r:id'] ?? '');
    if (!rel || !/\/worksheet$/.test(rel.type)) continue;
    // Targets are relative to xl/; some writers give them absolute (`/xl/worksheets/sheet1.xml`).
    const entry = rel.target.startsWith('/') ? rel.target.slice(1) : `xl/${rel.target.replace(/^\.\//, '')}`;
    if (!has(entry)) continue;
    // Excel's own limit; exceljs cut longer names to it, and the importer names sheets so.
    sheets.push({ name: (sheet.name ?? '').slice(0, 31), entry });
  }
  const properties = findXmlTags(workbookXml, 'workbookPr')[0];
  return { sheets, date1904: properties?.date1904 === '1' || properties?.date1904 === 'true' };
}
