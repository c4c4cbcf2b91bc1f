// xl/sharedStrings.xml: the table `t="s"` cells index into, each item as plain text.
import { readStringItem } from './read-string-item.ts';

/** The shared strings of `xml` in order (an empty list when the workbook has none). */
export function readSharedStrings(xml: string | undefined): string[] {
  const strings: string[] = [];
  if (xml === undefined) return strings;
  let at = xml.indexOf('<si');
  while (at !== -1) {
    const open = xml.indexOf('>', at);
    if (open === -1) break;
    const next = xml.charCodeAt(at + 3);
    if (next !== 62 && next > 32 && next !== 47) {
      at = xml.indexOf('<si', open);
      continue;
    }
    if (xml.charCodeAt(open - 1) === 47) {
      strings.push('');
      at = xml.indexOf('<si', open);
      continue;
    }
    const close = xml.indexOf('</si>', open);
    if (close === -1) break;
    strings.push(readStringItem(xml, open + 1, close, true));
    at = xml.indexOf('<si', close + 5);
  }
  return strings;
}
