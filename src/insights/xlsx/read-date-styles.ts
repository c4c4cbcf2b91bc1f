// xl/styles.xml, only as far as dates need it: which cell formats (`<c s="N">` indexes cellXfs)
// show their number as a date or time.
import { findXmlTags } from './find-xml-tags.ts';
import { isDateFormat } from './is-date-format.ts';

// The built-in formats every workbook has without writing them out (ECMA-376 Part 1, 18.8.30),
// as far as they are language-independent. The CJK ones (27–36, 50–58) depend on the reader's
// locale, and exceljs left them numbers; so does promo (the importer reads serial numbers too).
const BUILT_IN: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00 ;(#,##0.00)', 40: '#,##0.00 ;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

/** For each cellXfs index: 1 if its number format is a date or time. */
export function readDateStyles(xml: string | undefined): Uint8Array {
  if (xml === undefined) return new Uint8Array(0);
  const custom = new Map<number, string>();
  const numFmts = sectionOf(xml, 'numFmts');
  if (numFmts) for (const f of findXmlTags(xml, 'numFmt', numFmts[0], numFmts[1])) custom.set(Number.parseInt(f.numFmtId ?? '', 10), f.formatCode ?? '');
  const cellXfs = sectionOf(xml, 'cellXfs');
  if (!cellXfs) return new Uint8Array(0);
  const xfs = findXmlTags(xml, 'xf', cellXfs[0], cellXfs[1]);
  const dates = new Uint8Array(xfs.length);
  xfs.forEach((xf, i) => {
    const id = Number.parseInt(xf.numFmtId ?? '', 10);
    // numFmtId 0 (General) or none: never a date, whatever a custom entry 0 says.
    if (id) dates[i] = isDateFormat(custom.get(id) || BUILT_IN[id]) ? 1 : 0;
  });
  return dates;
}

function sectionOf(xml: string, name: string): [number, number] | undefined {
  const start = xml.indexOf(`<${name}`);
  if (start === -1) return undefined;
  const end = xml.indexOf(`</${name}>`, start);
  return [start, end === -1 ? start : end];
}
