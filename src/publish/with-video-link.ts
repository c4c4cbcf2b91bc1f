// A text-only channel's post with a link to its video appended, when there is one and it fits.

/** The text with a link to the video appended, when there is one and it fits (text-only channels). */
export function withVideoLink(text: string, url: string | undefined, limit: number, measure: (text: string) => number): string {
  if (!url) return text;
  const linked = `${text}\n\n▶ ${url}`;
  return measure(linked) <= limit ? linked : text;
}
