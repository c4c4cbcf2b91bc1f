// The parts of one `<c>` element's content other than the common `<v>…</v>` alone: the value text
// (`<v>`, or an inline string's `<is>`), and the formula (`<f>`, whose cached `<v>` is never
// evaluated, only kept for a hyperlinked cell's text).
import { decodeXmlText } from './decode-xml-text.ts';
import { readStringItem } from './read-string-item.ts';

export interface CellParts {
  /** The value as written (entities decoded); '' for none. */
  raw: string;
  /** `=` plus the formula when the cell has one (a shared formula's other cells: `=` alone). */
  formula: string | undefined;
}

/** The value and formula in `xml`, the XML between a `<c …>` and its `</c>`. */
export function readCellParts(xml: string): CellParts {
  let raw = '';
  let formula = '';
  let isFormula = false;
  let child = xml.indexOf('<');
  while (child !== -1) {
    const k1 = xml.charCodeAt(child + 1);
    const k2 = xml.charCodeAt(child + 2);
    const childEnd = xml.indexOf('>', child);
    if (childEnd === -1) break;
    const empty = xml.charCodeAt(childEnd - 1) === 47;
    if (k1 === 118 /* v */ && (k2 === 62 || k2 <= 32)) {
      const close = xml.indexOf('</v>', childEnd);
      if (!empty && close !== -1) {
        raw += decodeXmlText(xml.slice(childEnd + 1, close));
        child = xml.indexOf('<', close + 4);
        continue;
      }
    } else if (k1 === 102 /* f */ && (k2 === 62 || k2 <= 32 || k2 === 47)) {
      // `<f t="shared" si="0"/>`: a shared formula's other cells carry no text of their own.
      if (/\st\s*=\s*["'][^"']/.test(xml.slice(child + 2, childEnd))) isFormula = true;
      const close = xml.indexOf('</f>', childEnd);
      if (!empty && close !== -1) {
        formula += decodeXmlText(xml.slice(childEnd + 1, close));
        child = xml.indexOf('<', close + 4);
        continue;
      }
    } else if (k1 === 105 /* i */ && k2 === 115 /* s */) {
      const close = xml.indexOf('</is>', childEnd);
      if (!empty && close !== -1) {
        raw += readStringItem(xml, childEnd + 1, close, false);
        child = xml.indexOf('<', close + 5);
        continue;
      }
    }
    child = xml.indexOf('<', childEnd);
  }
  return { raw, formula: isFormula || formula !== '' ? `=${formula}` : undefined };
}
