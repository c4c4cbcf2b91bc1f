// Spreadsheet column names, so a message points where Excel and WPS show the cell.

/** `A` for 0, `Z` for 25, `AA` for 26. */
export function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
