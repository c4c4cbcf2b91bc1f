// The Health page: the engine, disk space, channels and accounts that need a person, version
// (readHealth), redrawn on each state change (a post failing puts its channel here).
import { readHealth, type HealthView } from '../read/read-health.ts';
import type { DashboardPage, RouteContext } from './dashboard-types.ts';
import { healthMessages } from './health-messages.ts';
import { renderHealth } from './render-health.ts';

function healthOf(ctx: RouteContext): Promise<HealthView> {
  return ctx.read(async (reader) => readHealth(ctx.config, { needsPerson: reader.posts({ states: ['failed', 'missed', 'unknown'], upcoming: true, now: ctx.now() }) }));
}

export const healthPage: DashboardPage = {
  nav: { path: '/health', label: 'nav.health' },
  messages: healthMessages,
  routes: [
    { method: 'GET', path: '/health', handle: async (ctx) => ctx.page({ title: ctx.t('health.title'), active: '/health', body: renderHealth(await healthOf(ctx), ctx.t) }) },
    { method: 'GET', path: '/parts/health', handle: async (ctx) => ({ html: renderHealth(await healthOf(ctx), ctx.t) }) },
  ],
  feeds: [{
    event: 'health',
    start() {
      let last = '';
      return (reader, now) => {
        // Posts that need a person are what changes the channel list between page loads.
        const mark = reader.posts({ states: ['failed', 'missed', 'unknown'], upcoming: true, now }).map((post) => `${post.id}:${post.state}`).join(',');
        if (mark === last) return undefined;
        last = mark;
        return { changed: true };
      };
    },
  }],
};
