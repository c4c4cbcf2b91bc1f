// A seeded random workbook written as raw XML, for what exceljs never writes but other software
// does: inline strings (plain and rich), `t="str"` values, phonetic runs, `xml:space`, entities and
// character references, `_xHHHH_` escapes, CRLF in text, whitespace between tags, single-quoted
// attributes, built-in date formats 14–22 and 45–47 beside the locale-dependent 27–36 and 57,
// custom formats with quoted or bracketed letters, cells without `r`, shared and array formulas,
// hyperlinks, merges, an absolute sheet target and the 1904 date system.
import { rng } from '../../../scripts/samples/sample-kit.ts';
import { workbookZip } from './workbook-zip.ts';

const SHARED = [
  '<si><t>作品名称</t></si>',
  '<si><t xml:space="preserve">  前后空格  </t></si>',
  '<si><t>a &amp; b &lt;c&gt; &quot;q&quot; &apos;s&apos; &#x4E2D;&#25991;</t></si>',
  '<si><t>line_x000D_\nbreak _x0041_ _x005F_x0041_ _x00e9_</t></si>',
  '<si><r><rPr><b/><sz val="11"/><rFont val="宋体"/><charset val="134"/></rPr><t>粗</t></r><r><t xml:space="preserve"> 体_x0042_</t></r></si>',
  '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>',
  '<si><t></t></si>',
  '<si>\n  <t>标签之间有空白</t>\n</si>',
  '<si><t>CRLF\r\nline\rCR</t></si>',
  '<si><r><t>只有一段</t></r></si>',
  '<si><t>--</t></si>',
  '<si><t>合计</t></si>',
];
// cellXfs after index 0: built-in date ids, locale-dependent ids, then the custom formats below.
const XF_FORMATS = [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, 27, 31, 57, 164, 165, 166, 167, 168, 2, 10, 49];
const CUSTOM = { 164: 'yyyy"年"m"月"d"日" hh:mm', 165: '0.0%', 166: '[Red]#,##0', 167: '"day "0', 168: '[h]:mm', } as Record<number, string>;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** An XLSX (bytes) drawn from `seed`. */
export function randomRawWorkbook(seed: number): Buffer {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const style = () => (random() < 0.5 ? 0 : 1 + Math.floor(random() * XF_FORMATS.length));
  const sheets: { xml: string; links: number }[] = [];
  for (let s = 0; s < 2; s++) {
    const links: string[] = [];
    const rows: string[] = [];
    let r = 0;
    for (let i = 0; i < 30; i++) {
      r += random() < 0.2 ? 2 : 1;
      const cells: string[] = [];
      let previousHadValue = false;
      for (let c = 0; c < 8; c++) {
        if (random() < 0.2) {
          previousHadValue = false;
          continue;
        }
        const ref = `${String.fromCharCode(65 + c)}${r}`;
        // exceljs places a cell without `r` after the previous cell that has a value or style.
        const at = previousHadValue && random() < 0.2 ? '' : random() < 0.1 ? ` r='${ref}'` : ` r="${ref}"`;
        const st = style();
        const sAttr = st ? ` s="${st}"` : '';
        const kind = random();
        let cell: string;
        if (kind < 0.25) cell = `<c${at} t="s"${sAttr}><v>${Math.floor(random() * SHARED.length)}</v></c>`;
        else if (kind < 0.45) cell = `<c${at}${sAttr}${random() < 0.3 ? ' t="n"' : ''}><v>${pick(['0', '1', '12400', '-0.25', '1E3', '3.14159', '46227.5', '45000.000011574', '007', '1.5e-7', '123456789012345678', '60', '0.5'])}</v></c>`;
        else if (kind < 0.5) cell = `<c${at} t="b"><v>${pick(['0', '1'])}</v></c>`;
        else if (kind < 0.55) cell = `<c${at} t="e"><v>${pick(['#N/A', '#DIV/0!', '#VALUE!'])}</v></c>`;
        else if (kind < 0.62) cell = `<c${at} t="str"><v>${pick(['a &amp;amp; b', '纯文本', ' 空格 ', 'x&lt;y'])}</v></c>`;
        else if (kind < 0.7) cell = `<c${at} t="inlineStr"${sAttr}><is>${pick(['<t>内联 _x0041_</t>', '<t xml:space="preserve"> 留空 </t>', '<r><t>富</t></r><r><rPr><i/></rPr><t>文本_x0042_</t></r>', '<t>&amp;&#10;换行</t>'])}</is></c>`;
        else if (kind < 0.78) cell = `<c${at}${pick(['', ' t="str"', ' t="b"'])}${sAttr}><f>${esc(pick(['A1*2', 'SUM(B1:B9)', 'IF(A1>1,"是","否")']))}</f><v>1</v></c>`;
        else if (kind < 0.82) cell = `<c${at}${sAttr}>\n  <v>${pick(['5', '2.5'])}</v>\n</c>`;
        else if (kind < 0.88) {
          cell = `<c${at} s="${1 + Math.floor(random() * XF_FORMATS.length)}"/>`;
          // A styled empty cell still counts as the previous one for exceljs.
        } else if (kind < 0.94) cell = `<c${at}${sAttr}><f t="array" ref="${ref}">ROW()</f><v>${r}</v></c>`;
        else {
          cell = `<c${at} t="s"><v>${Math.floor(random() * SHARED.length)}</v></c>`;
          if (at !== '') links.push(`<hyperlink ref="${ref}" r:id="rId${links.length + 1}"/>`);
        }
        cells.push(cell);
        previousHadValue = true;
      }
      // A formula shared down column H: the master first, then cells with only `si`.
      if (i === 3) cells.push(`<c r="H${r}"><f t="shared" ref="H${r}:H${r + 2}" si="0">G${r}+1</f><v>2</v></c>`);
      if (i === 4 || i === 5) cells.push(`<c r="H${r}"><f t="shared" si="0"/><v>3</v></c>`);
      // (Never the shared formula's rows: cells whose master is missing read as `[object Object]` in exceljs.)
      rows.push(random() < 0.1 && (i < 3 || i > 5) ? `<row r="${r}"/>` : `<row r="${r}" spans="1:8"${random() < 0.3 ? ' ht="20" customHeight="1"' : ''}>${cells.join(random() < 0.2 ? '\n' : '')}</row>`);
    }
    const merges = random() < 0.7 ? `<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="B${r + 2}:C${r + 3}"/></mergeCells>` : '';
    const hyperlinks = links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : '';
    sheets.push({ xml: `<dimension ref="A1:H${r}"/><sheetData>${rows.join('')}</sheetData>${merges}${hyperlinks}`, links: links.length });
  }
  const numFmts = Object.entries(CUSTOM).map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`).join('');
  const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', ...XF_FORMATS.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`)].join('');
  return workbookZip({
    sheets: sheets.map((sheet, k) => ({
      name: k === 0 ? '作品 &amp; 数据' : '流量分析-短视频引流',
      xml: sheet.xml,
      rels: Array.from({ length: sheet.links }, (_, i) => `https://example.invalid/v/${i}`),
      absoluteTarget: k === 1,
    })),
    sharedStrings: SHARED,
    styles: `<numFmts count="${Object.keys(CUSTOM).length}">${numFmts}</numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${XF_FORMATS.length + 1}">${xfs}</cellXfs>`,
    date1904: seed % 3 === 0,
  });
}
