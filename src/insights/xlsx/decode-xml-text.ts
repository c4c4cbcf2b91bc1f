// XML text as a parser hands it over: the five named entities and character references decoded,
// line ends normalised to \n (XML 1.0 §2.11), the way saxes does it for exceljs.

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g;

/** The text of raw XML character data `raw` (without tags). */
export function decodeXmlText(raw: string): string {
  if (raw.indexOf('&') === -1 && raw.indexOf('\r') === -1) return raw;
  const text = raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n');
  if (text.indexOf('&') === -1) return text;
  return text.replace(ENTITY, (whole, name: string) => {
    if (name.charCodeAt(0) !== 35) return NAMED[name] ?? whole;
    const code = name.charCodeAt(1) === 120 ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    // A reference to no character (past U+10FFFF) stays as written rather than throwing.
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
