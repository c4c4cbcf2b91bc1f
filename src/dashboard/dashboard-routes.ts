// The route table: every page of the dashboard, in nav order (Now, Clips, Inbox, Outbox, Insights, Health).
//
// To add a page:
//   1. Write src/dashboard/<name>-page.ts exporting one DashboardPage (see dashboard-types.ts):
//        nav:      { path: '/clips', label: 'nav.clips' }   (label: a message key; shell-messages.ts has the nav keys)
//        routes:   [{ method: 'GET', path: '/clips', handle: (ctx) => ctx.page({ title, body, active: '/clips' }) },
//                   { method: 'POST', path: '/clips/:id/caption', handle: ... }]   (`:id` = one decoded segment)
//        messages: { 'clips.title': { en: 'Clips', zh: '视频' } }   (zh and en side by side; ctx.t('clips.title'))
//        feeds:    [{ event: 'jobs', start: () => (reader, now) => dataOrUndefined }]   (SSE, see state-watcher.ts)
//   2. Import it below and put it in `dashboardPages` at its place in the nav.
// Build markup only with `html` (html.ts: it escapes every value); read only through ctx.read
// (the read model); change state only through the functions the CLI's commands call. POST forms
// are same-origin-checked for you; redirect after them ({ redirect: '/clips#…' }). A live region
// is `<div data-live="jobs posts" data-src="/parts/…">`: dashboard.js fetches data-src again and
// swaps it in whenever one of the named SSE events arrives (see assets/dashboard.js).
import { assetsPage } from './assets-page.ts';
import { clipsPage } from './clips-page.ts';
import type { DashboardPage } from './dashboard-types.ts';
import { healthPage } from './health-page.ts';
import { inboxPage } from './inbox-page.ts';
import { insightsPage } from './insights-page.ts';
import { mediaPage } from './media-page.ts';
import { nowPage } from './now-page.ts';
import { outboxPage } from './outbox-page.ts';
import { shellPage } from './shell-page.ts';

export const dashboardPages: readonly DashboardPage[] = [
  shellPage,
  assetsPage,
  mediaPage,
  nowPage,
  clipsPage,
  inboxPage,
  outboxPage,
  insightsPage,
  healthPage,
];
