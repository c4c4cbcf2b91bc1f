// The one place user text is escaped for Pango: sharp's `text` input always parses markup, so
// every character with a meaning in markup is replaced by its entity and the text is drawn literally.

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Escapes `& < > " '` so Pango draws the text exactly as given. */
export function escapePangoMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}
