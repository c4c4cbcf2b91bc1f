// An XLSX package from raw parts, for workbooks exceljs never writes (inline strings, rows without
// `r`, damaged references): the content types, relationships and workbook around given sheets.
import { strToU8, zipSync } from 'fflate';

export interface WorkbookParts {
  /** Sheet names (XML-escaped already) with their worksheet XML and, for hyperlinks, its rels. */
  sheets: { name: string; xml: string; rels?: string[]; absoluteTarget?: boolean }[];
  /** `<si>` items. */
  sharedStrings?: string[];
  styles?: string;
  date1904?: boolean;
}

const NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The XLSX bytes of `parts`. */
export function workbookZip(parts: WorkbookParts): Buffer {
  const rels = (items: string[]) => `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
  const sheetTags = parts.sheets.map((s, k) => `<sheet name="${s.name}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`).join('');
  const workbookRels = parts.sheets.map((s, k) => `<Relationship Id="rId${k + 1}" Type="${NS}/worksheet" Target="${s.absoluteTarget ? '/xl/' : ''}worksheets/sheet${k + 1}.xml"/>`);
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'),
    '_rels/.rels': strToU8(rels([`<Relationship Id="rId1" Type="${NS}/officeDocument" Target="xl/workbook.xml"/>`])),
    'xl/workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${NS}"><workbookPr${parts.date1904 ? ' date1904="1"' : ''}/><sheets>${sheetTags}</sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(rels(workbookRels)),
  };
  if (parts.styles) files['xl/styles.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${parts.styles}</styleSheet>`);
  if (parts.sharedStrings) files['xl/sharedStrings.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${parts.sharedStrings.length}" uniqueCount="${parts.sharedStrings.length}">${parts.sharedStrings.join('')}</sst>`);
  parts.sheets.forEach((sheet, k) => {
    files[`xl/worksheets/sheet${k + 1}.xml`] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${NS}">${sheet.xml}</worksheet>`);
    if (sheet.rels) files[`xl/worksheets/_rels/sheet${k + 1}.xml.rels`] = strToU8(rels(sheet.rels.map((url, i) => `<Relationship Id="rId${i + 1}" Type="${NS}/hyperlink" Target="${url}" TargetMode="External"/>`)));
  });
  return Buffer.from(zipSync(files, { mtime: new Date(Date.UTC(2026, 7, 1)) }));
}
