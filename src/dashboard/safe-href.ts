// Links taken from data (a platform's post URL) are shown only when they are http(s): escaping
// keeps them inside the attribute, but `javascript:` or `data:` would still run or load on click.

/** `url` when it is an absolute http(s) URL, else undefined (show no link). */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
