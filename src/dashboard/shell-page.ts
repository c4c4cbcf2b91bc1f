// The shell's own routes: / (to Now), the SSE stream, the daemon banner fragment, and the
// `daemon` feed (sent when the daemon's state or last heartbeat changes).
import type { DaemonStatus } from '../read/read-daemon-status.ts';
import type { DashboardPage } from './dashboard-types.ts';
import { renderDaemonBanner } from './render-daemon-banner.ts';
import { shellMessages } from './shell-messages.ts';

export const shellPage: DashboardPage = {
  messages: shellMessages,
  routes: [
    { method: 'GET', path: '/', handle: () => ({ redirect: '/now' }) },
    {
      method: 'GET',
      path: '/events',
      handle(ctx) {
        ctx.events.attach(ctx.res);
        return undefined;
      },
    },
    {
      method: 'GET',
      path: '/parts/daemon-banner',
      async handle(ctx) {
        const status = await ctx.read((reader) => reader.daemon(ctx.now()));
        return { html: renderDaemonBanner(status, ctx.t) };
      },
    },
  ],
  feeds: [{
    event: 'daemon',
    start() {
      let last = '';
      return (reader, now) => {
        const status: DaemonStatus = reader.daemon(now);
        const mark = `${status.state}|${status.lastHeartbeat ?? ''}`;
        if (mark === last) return undefined;
        last = mark;
        // The lock holder's boot id and start time say nothing a person needs.
        return { state: status.state, lastHeartbeat: status.lastHeartbeat, heartbeatAgeSeconds: status.heartbeatAgeSeconds, staleAfterSeconds: status.staleAfterSeconds };
      };
    },
  }],
};
