// Aligned text tables for the CLI's lists (CJK text takes two columns).
import { displayWidth, padDisplay } from '../util/display-width.ts';

/** Rows (the first is the header) as lines padded to each column's widest cell; the last column is left as it is. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.slice(0, -1).map((_, c) => Math.max(...rows.map((r) => displayWidth(r[c]!))));
  return rows.map((row) => row.map((cell, c) => (c < widths.length ? padDisplay(cell, widths[c]!) : cell)).join('  ').trimEnd()).join('\n') + '\n';
}
