// The Outbox pages: the posts the folder channels wrote for a person to publish by hand (platforms
// without an API). /outbox on the desktop lists them with a QR code each; /outbox/<id> is the
// phone page (save the video, copy the text, the cover) with Mark as posted, which calls
// markPosted exactly as `promo posts mark-posted` does.
import { createHash } from 'node:crypto';
import { readOutbox } from '../read/read-outbox.ts';
import type { StateReader } from '../read/state-reader.ts';
import { markPosted } from '../schedule/mark-posted.ts';
import { PostStore } from '../schedule/post-store.ts';
import { openStateDb } from '../store/open-state-db.ts';
import { PromoError } from '../util/promo-error.ts';
import { buildOutboxView, type OutboxEntry } from './build-outbox-view.ts';
import type { DashboardPage, RouteContext } from './dashboard-types.ts';
import { outboxMessages } from './outbox-messages.ts';
import { renderQrSvg } from './render-qr-svg.ts';
import { renderOutboxList, renderOutboxPhone } from './render-outbox.ts';
import type { SafeHtml } from './safe-html.ts';

async function readEntries(reader: StateReader): Promise<OutboxEntry[]> {
  const folderChannels = Object.entries(reader.config.channels).filter(([, channel]) => channel.type === 'folder').map(([name]) => name);
  const posts = reader.posts({ states: ['sent'] }).filter((post) => folderChannels.includes(post.channel));
  return buildOutboxView(await readOutbox(reader.config), posts);
}

async function listRegion(ctx: RouteContext, entries: OutboxEntry[]): Promise<SafeHtml> {
  // The host the desktop reached the dashboard by (checked against the dashboard's own names);
  // through the configured public URL (a TLS proxy) the phone gets that address.
  const host = ctx.req.headers.host ?? '127.0.0.1';
  const publicUrl = ctx.config.dashboard?.publicUrl ? new URL(ctx.config.dashboard.publicUrl) : undefined;
  const origin = publicUrl && publicUrl.host.toLowerCase() === host.toLowerCase() ? publicUrl.origin : `http://${host}`;
  const qr = new Map<string, SafeHtml>();
  for (const entry of entries) {
    if (entry.posted) continue;
    // Where a login is needed the phone is not logged in: the code carries its own one-time login.
    const path = `/outbox/${entry.id}`;
    const token = ctx.phoneLoginToken(path);
    qr.set(entry.id, await renderQrSvg(`${origin}${path}${token ? `?token=${token}` : ''}`, ctx.t('outbox.scan')));
  }
  return renderOutboxList(entries, qr, ctx.t);
}

async function entryOf(ctx: RouteContext): Promise<OutboxEntry> {
  const entries = await ctx.read(readEntries);
  const entry = entries.find((e) => e.id === ctx.params.id);
  if (!entry) throw new PromoError('USAGE', ctx.t('outbox.gone'), { hint: ctx.t('outbox.goneHint') });
  return entry;
}

export const outboxPage: DashboardPage = {
  nav: { path: '/outbox', label: 'nav.outbox' },
  messages: outboxMessages,
  routes: [
    {
      method: 'GET',
      path: '/outbox',
      handle: async (ctx) => ctx.page({ title: ctx.t('outbox.title'), active: '/outbox', body: await listRegion(ctx, await ctx.read(readEntries)) }),
    },
    { method: 'GET', path: '/parts/outbox', handle: async (ctx) => ({ html: await listRegion(ctx, await ctx.read(readEntries)) }) },
    {
      method: 'GET',
      path: '/outbox/:id',
      async handle(ctx) {
        const entry = await entryOf(ctx);
        return ctx.page({ title: entry.folder.streamTitle ?? ctx.t('outbox.title'), active: '/outbox', body: renderOutboxPhone(entry, ctx.t), scripts: ['outbox.js'] });
      },
    },
    { method: 'GET', path: '/parts/outbox/:id', handle: async (ctx) => ({ html: renderOutboxPhone(await entryOf(ctx), ctx.t) }) },
    {
      method: 'POST',
      path: '/outbox/:id/posted',
      async handle(ctx) {
        await ctx.form();
        const entry = await entryOf(ctx);
        if (!entry.post) throw new PromoError('USAGE', ctx.t('outbox.notStored'));
        const db = openStateDb(ctx.config.state);
        try {
          markPosted(new PostStore(db), ctx.config, entry.post.id, { now: ctx.now() });
        } finally {
          db.close();
        }
        ctx.events.publish('outbox', { posted: entry.id });
        return { redirect: `/outbox/${entry.id}` };
      },
    },
  ],
  feeds: [{
    event: 'outbox',
    start() {
      let last = '';
      return async (reader) => {
        const entries = await readEntries(reader);
        const mark = createHash('sha256').update(JSON.stringify(entries.map((e) => [e.id, e.posted, e.post?.updatedAt]))).digest('hex');
        if (mark === last) return undefined;
        last = mark;
        return { count: entries.filter((e) => !e.posted).length };
      };
    },
  }],
};
