// Prepares user text for Pango: control characters would make its markup parser refuse the whole
// text; tabs become spaces and Windows line ends plain ones so intended line breaks survive.

/** The text without control characters (except line breaks), trimmed. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '')
    .trim();
}
