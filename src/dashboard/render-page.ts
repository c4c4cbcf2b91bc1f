// The page shell every dashboard page is drawn in: language, title, nav (Now, Clips, Inbox,
// Outbox, Health: those whose pages exist), the daemon banner, the page's body, and the scripts
// (served by the dashboard, carrying this response's CSP nonce). Styles and the Noto Sans SC font
// come from /assets, so Chinese renders without system fonts and nothing loads from elsewhere.
import type { Lang } from './dashboard-types.ts';
import { html } from './html.ts';
import type { SafeHtml } from './safe-html.ts';

export interface RenderPageOptions {
  title: string;
  lang: Lang;
  body: SafeHtml;
  /** Nav entries in order; `active` marks the current one. */
  nav: readonly { path: string; label: string; active?: boolean }[];
  nonce: string;
  /** Shown above the body on every page (the daemon banner), a live region of its own. */
  banner?: SafeHtml;
  /** Script assets after dashboard.js. */
  scripts?: readonly string[];
  /** The app's name in the header. */
  appName?: string;
}

/** A whole HTML document. */
export function renderPage(options: RenderPageOptions): SafeHtml {
  const scripts = ['dashboard.js', ...(options.scripts ?? [])];
  return html`<!doctype html>
<html lang="${options.lang === 'zh' ? 'zh-Hans' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${options.appName ?? 'promo'}</title>
<link rel="stylesheet" href="/assets/dashboard.css">
<link rel="icon" href="data:,">
</head>
<body>
<header class="top">
<a class="brand" href="/now">${options.appName ?? 'promo'}</a>
<nav>${options.nav.map((item) => html`<a href="${item.path}"${item.active ? html` aria-current="page"` : ''}>${item.label}</a>`)}</nav>
</header>
${options.banner ?? ''}
<main>
<h1>${options.title}</h1>
${options.body}
</main>
${scripts.map((name) => html`<script src="/assets/${name}" nonce="${options.nonce}" defer></script>`)}
</body>
</html>
`;
}
