// A cell's value as the import reads it, from its type (`t`), raw text and whether its number
// format is a date: the text exceljs gave the import before, so no export reads differently.

/** Cell types by their `t` attribute; anything else (`n`, `d`, none) reads as a number. */
export const CELL_TYPE = { number: 0, shared: 1, str: 2, inline: 3, bool: 4, error: 5 } as const;

/** The text of a non-empty value; undefined for a shared string index past the table. */
export function cellValueText(raw: string, type: number, isDate: boolean, date1904: boolean, sharedStrings: string[]): string | undefined {
  switch (type) {
    case CELL_TYPE.shared:
      return sharedStrings[Number.parseInt(raw, 10)];
    case CELL_TYPE.str:
      return decodeNamedAgain(raw);
    case CELL_TYPE.inline:
    case CELL_TYPE.error:
      return raw;
    case CELL_TYPE.bool:
      return String(Number.parseInt(raw, 10) !== 0);
    default: {
      const value = Number.parseFloat(raw);
      if (!isDate) return String(value);
      // exceljs made a Date whose UTC fields are the wall time the cell shows.
      const date = new Date(Math.round((value - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
      return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 19).replace('T', ' ');
    }
  }
}

// Formula strings (`t="str"`): exceljs decoded the five named entities once more after the XML
// parser had; kept so the text stays what the import read before.
function decodeNamedAgain(text: string): string {
  if (text.indexOf('&') === -1) return text;
  const named: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' };
  return text.replace(/&([a-z]*);/g, (entity) => named[entity] ?? entity);
}
