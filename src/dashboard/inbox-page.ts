// The Inbox page: each watched inbox as the watcher and the job runner record it (read model),
// its failed/ files with their notes, and Retry, which puts a failed file back into its inbox
// (retryFailedFile) for the watcher to take again. Live through the `inbox` SSE event, which also
// fires when a running job's progress moves a percent (the runner records it, throttled).
import { createHash } from 'node:crypto';
import { readFailedFiles } from '../read/read-failed-files.ts';
import type { StateReader } from '../read/state-reader.ts';
import { PromoError } from '../util/promo-error.ts';
import { retryFailedFile } from '../watch/retry-failed-file.ts';
import type { DashboardPage, RouteContext } from './dashboard-types.ts';
import { inboxMessages } from './inbox-messages.ts';
import { pathId } from './path-id.ts';
import { renderInbox, type InboxSection } from './render-inbox.ts';

/** Every inbox's section, as of now. */
async function readSections(reader: StateReader): Promise<InboxSection[]> {
  const inboxes = reader.inboxes();
  const jobs = await reader.jobs({ limit: 500 });
  return Promise.all(inboxes.map(async (inbox) => ({
    inbox,
    jobs: jobs.filter((job) => job.inbox === inbox.inbox),
    failed: await readFailedFiles(inbox.inbox),
  })));
}

function region(ctx: RouteContext, sections: InboxSection[]) {
  return renderInbox(sections, { t: ctx.t, base: ctx.config.dir, now: ctx.now() });
}

export const inboxPage: DashboardPage = {
  nav: { path: '/inbox', label: 'nav.inbox' },
  messages: inboxMessages,
  routes: [
    {
      method: 'GET',
      path: '/inbox',
      async handle(ctx) {
        const sections = await ctx.read(readSections);
        return ctx.page({ title: ctx.t('inbox.title'), active: '/inbox', body: region(ctx, sections) });
      },
    },
    { method: 'GET', path: '/parts/inbox', handle: async (ctx) => ({ html: region(ctx, await ctx.read(readSections)) }) },
    {
      method: 'POST',
      path: '/inbox/:inbox/failed/:file/retry',
      async handle(ctx) {
        await ctx.form();
        const sections = await ctx.read(readSections);
        // Both looked up among what is listed now: the request names ids, not paths.
        const section = sections.find((s) => pathId(s.inbox.inbox) === ctx.params.inbox);
        const file = section?.failed.find((f) => pathId(f.file) === ctx.params.file);
        if (!section || !file) throw new PromoError('USAGE', 'that failed file is no longer there (retried already, or moved)', { hint: 'reload the Inbox page' });
        await retryFailedFile(section.inbox.inbox, file.file);
        ctx.events.publish('inbox', { retried: pathId(file.file) });
        return { redirect: `/inbox#i-${pathId(section.inbox.inbox)}` };
      },
    },
  ],
  feeds: [{
    event: 'inbox',
    start() {
      let last = '';
      return async (reader) => {
        const sections = await readSections(reader);
        // What the page shows, minus the ages (those move every second and are redrawn with the rest).
        const mark = createHash('sha256').update(JSON.stringify(sections.map((s) => [
          s.inbox.inbox, s.inbox.waiting.map((w) => [w.fileName, w.reason, w.watcherAlive]), s.inbox.inWork.map((f) => f.jobId),
          s.jobs.map((j) => [j.id, j.state, j.worker, j.error, j.progress && [Math.floor(j.progress.fraction * 100), j.progress.what]]), s.failed.map((f) => [f.name, f.note]),
        ]))).digest('hex');
        if (mark === last) return undefined;
        last = mark;
        return { changed: true };
      };
    },
  }],
};
