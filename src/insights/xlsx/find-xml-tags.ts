// The start tags named `name` in a small XML part, with their attributes (prefixes kept as written:
// `r:id`). Used for workbook.xml, rels, styles and a sheet's merges and hyperlinks, never for
// the cells themselves (read-sheet-cells.ts scans those).
import { readXmlAttributes } from './read-xml-attributes.ts';

/** The attributes of every `<name …>` in `xml` from `from` to `to`, in order. */
export function findXmlTags(xml: string, name: string, from = 0, to = xml.length): Record<string, string>[] {
  const tags: Record<string, string>[] = [];
  const open = `<${name}`;
  let at = xml.indexOf(open, from);
  while (at !== -1 && at < to) {
    const next = xml.charCodeAt(at + open.length);
    const end = xml.indexOf('>', at);
    if (end === -1) break;
    // `<sheet` must not match `<sheets` or `<sheetPr`.
    if (next <= 32 || next === 47 || next === 62) tags.push(readXmlAttributes(xml, at + open.length, xml.charCodeAt(end - 1) === 47 ? end - 1 : end));
    at = xml.indexOf(open, end);
  }
  return tags;
}
