// The Insights page: the answers and charts of `promo insights report`, read through the read
// model (the dashboard never imports or writes). No script: the charts are inline SVG.
import type { DashboardPage } from './dashboard-types.ts';
import { insightsMessages } from './insights-messages.ts';
import { renderInsights } from './render-insights.ts';

export const insightsPage: DashboardPage = {
  nav: { path: '/insights', label: 'nav.insights' },
  messages: insightsMessages,
  routes: [
    { method: 'GET', path: '/insights', handle: async (ctx) => ctx.page({ title: ctx.t('insights.title'), active: '/insights', body: renderInsights(await ctx.read((reader) => reader.insights()), ctx.t) }) },
  ],
};
