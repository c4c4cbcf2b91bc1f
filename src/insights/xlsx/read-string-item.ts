// The text of a string item: a shared string's `<si>` or an inline string's `<is>`. Plain items
// are their `<t>`; rich-text items the `<t>` of each `<r>` run joined (fonts dropped, as the
// importer only wants text); phonetic guides (`<rPh>`, furigana) are left out. `xml:space` needs
// no handling: whitespace inside `<t>` is always kept, whitespace between tags never is.
import { decodeXmlText } from './decode-xml-text.ts';

const ESCAPE = /_x([0-9A-F]{4})_/g;

/**
 * The text between `from` and `to` in `xml`. `escapes`: decode Excel's `_xHHHH_` escapes in plain
 * items too (exceljs does for shared strings, not for inline ones; always in rich-text runs).
 */
export function readStringItem(xml: string, from: number, to: number, escapes: boolean): string {
  let text = '';
  let rich = '';
  let isRich = false;
  let at = xml.indexOf('<', from);
  while (at !== -1 && at < to) {
    const c1 = xml.charCodeAt(at + 1);
    const c2 = xml.charCodeAt(at + 2);
    if (c1 === 116 /* t */ && (c2 === 62 || c2 <= 32)) {
      const open = xml.indexOf('>', at);
      if (xml.charCodeAt(open - 1) === 47) {
        at = xml.indexOf('<', open);
        continue;
      }
      const close = xml.indexOf('</t>', open);
      if (close === -1 || close > to) break;
      const raw = decodeXmlText(xml.slice(open + 1, close));
      if (isRich) rich += unescape(raw);
      else text += raw;
      at = xml.indexOf('<', close + 4);
    } else if (c1 === 114 /* r */ && (c2 === 62 || c2 <= 32)) {
      isRich = true;
      at = xml.indexOf('<', at + 2);
    } else if (c1 === 114 && c2 === 80 && xml.charCodeAt(at + 3) === 104 /* rPh */) {
      const close = xml.indexOf('</rPh>', at);
      at = close === -1 || xml.charCodeAt(xml.indexOf('>', at) - 1) === 47 ? xml.indexOf('<', at + 1) : xml.indexOf('<', close + 6);
    } else {
      at = xml.indexOf('<', at + 1);
    }
  }
  if (isRich) return rich;
  return escapes ? unescape(text) : text;
}

function unescape(text: string): string {
  return text.indexOf('_x') === -1 ? text : text.replace(ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
