// The one HTML-escaping module of the dashboard: every page, fragment and attribute is built with
// the `html` tag, which escapes each interpolated value unless it is SafeHtml (itself built here).
// Attribute values must be quoted ("…"): the escaping covers & < > " ' so a value cannot end the
// attribute or the tag. URLs from user data need `safeHref` too (a javascript: link is text-safe).
import { SafeHtml } from './safe-html.ts';

type HtmlValue = string | number | boolean | null | undefined | SafeHtml | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const NEEDS_ESCAPE = /[&<>"']/;

/** Builds markup from a template, escaping every value (arrays are joined; null, undefined, false show nothing). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += escapeValue(values[i]) + strings[i + 1]!;
  return SafeHtml.raw(out);
}

function escapeValue(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(escapeValue).join('');
  const text = String(value);
  // Most values (ids, numbers, plain words) have nothing to escape: no new string for them.
  return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : text;
}
