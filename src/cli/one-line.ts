// Long, multi-line texts (post texts, errors) shortened to one table cell.

/** `text` on one line, cut to `max` characters with an ellipsis. */
export function oneLine(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return [...flat].length > max ? `${[...flat].slice(0, max - 1).join('')}…` : flat;
}
