// A fast reader for the CSV platforms write (RFC 4180: fields quoted or not, `""` inside quotes,
// one line ending throughout): csv-parse spends most of a 100 000-row import building its
// fields through Buffers. Anything else — a quote inside an unquoted field, text after a closing
// quote, an unclosed quote, mixed line endings, a record that may be over `maxRecord` bytes — returns
// undefined, and the caller reads the file with csv-parse, whose answers and errors stay the
// reference (test/insights/parse-plain-csv.test.ts compares the two).

/** The rows of `text`, or undefined when it is not plain CSV. */
export function parsePlainCsv(text: string, delimiter: string, maxRecord: number): string[][] | undefined {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') return undefined;
  const d = delimiter.charCodeAt(0);
  const firstNewline = text.indexOf('\n');
  const firstReturn = text.indexOf('\r');
  // csv-parse takes the first line ending it meets as the file's.
  const crlf = firstReturn !== -1 && firstReturn + 1 === firstNewline;
  if (firstReturn !== -1 && !crlf) return undefined;
  const rows: string[][] = [];
  const n = text.length;
  let pos = 0;
  while (pos < n) {
    const lineStart = pos;
    const row: string[] = [];
    for (;;) {
      if (text.charCodeAt(pos) === 34) {
        // Quoted field: up to the quote not doubled.
        let value = '';
        let from = pos + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1) return undefined;
          if (text.charCodeAt(q + 1) === 34) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          pos = q + 1;
          break;
        }
        row.push(value);
      } else {
        let end = pos;
        for (; end < n; end++) {
          const c = text.charCodeAt(end);
          if (c === d || c === 10 || c === 13) break;
          if (c === 34) return undefined;
        }
        row.push(text.slice(pos, end));
        pos = end;
      }
      const c = text.charCodeAt(pos);
      if (c === d) {
        pos++;
        continue;
      }
      if (pos >= n) break;
      if (crlf ? c === 13 && text.charCodeAt(pos + 1) === 10 : c === 10) {
        pos += crlf ? 2 : 1;
        break;
      }
      return undefined;
    }
    // csv-parse counts a record's UTF-8 bytes: at most 3 per UTF-16 unit.
    if ((pos - lineStart) * 3 > maxRecord) return undefined;
    rows.push(row);
  }
  return rows;
}
