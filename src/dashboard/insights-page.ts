// The Insights page: the answers and charts of `promo insights report`, read through the read
// model (the dashboard never imports or writes). No script of its own: the charts are inline SVG,
// and the answers are one live region that dashboard.js fetches again on an `insights` event,
// sent when the state records a new import (`promo insights import` in any process).
import type { DashboardPage, RouteContext } from './dashboard-types.ts';
import { insightsMessages } from './insights-messages.ts';
import { renderInsights } from './render-insights.ts';

const answers = async (ctx: RouteContext) => renderInsights(await ctx.read((reader) => reader.insights()), ctx.t);

export const insightsPage: DashboardPage = {
  nav: { path: '/insights', label: 'nav.insights' },
  messages: insightsMessages,
  routes: [
    { method: 'GET', path: '/insights', handle: async (ctx) => ctx.page({ title: ctx.t('insights.title'), active: '/insights', body: await answers(ctx) }) },
    { method: 'GET', path: '/parts/insights', handle: async (ctx) => ({ html: await answers(ctx) }) },
  ],
  feeds: [{
    event: 'insights',
    start() {
      // The first pass only notes where the imports are: a page loaded after it is current.
      let last: string | undefined;
      return (reader) => {
        const mark = reader.insightsMark();
        const changed = last !== undefined && mark !== last;
        last = mark;
        return changed ? { imported: true } : undefined;
      };
    },
  }],
};
