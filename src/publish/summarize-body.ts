// A service's answer shortened to one line for an error message.

/** The start of a body, on one line, for an error message. */
export function summarizeBody(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
