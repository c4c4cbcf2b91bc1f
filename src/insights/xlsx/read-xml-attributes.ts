// The attributes of one XML start tag, for the few small parts of a workbook (workbook.xml,
// its rels, styles, a sheet's merges and hyperlinks) where a lookup by name is all we need.
import { decodeXmlText } from './decode-xml-text.ts';

/** Name → decoded value of the attributes in `xml` between `from` (after the tag name) and `to` (its `>`). */
export function readXmlAttributes(xml: string, from: number, to: number): Record<string, string> {
  const attributes: Record<string, string> = {};
  let at = from;
  while (at < to) {
    const eq = xml.indexOf('=', at);
    if (eq === -1 || eq >= to) break;
    const name = xml.slice(at, eq).trim();
    let q = eq + 1;
    while (q < to && xml.charCodeAt(q) <= 32) q++;
    const quote = xml[q];
    if (quote !== '"' && quote !== "'") break;
    const end = xml.indexOf(quote, q + 1);
    if (end === -1 || end > to) break;
    // Attribute-value normalisation (XML 1.0 §3.3.3): tabs and line ends become spaces.
    attributes[name] = decodeXmlText(xml.slice(q + 1, end).replace(/[\t\n\r]/g, ' '));
    at = end + 1;
  }
  return attributes;
}
