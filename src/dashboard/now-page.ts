// The Now page: upcoming streams with their posts per channel (render-now-streams.ts), and the
// post actions, each through the function its CLI command calls: Retry (retryPost: failed,
// missed or unknown, before the stream starts, grace from the retry, same key), Cancel
// (cancelPosts), Mark as posted (markPosted). After an action the page comes back with a notice.
import { existsSync } from 'node:fs';
import type { PostView } from '../read/read-posts.ts';
import type { StateReader } from '../read/state-reader.ts';
import { cancelPosts } from '../schedule/cancel-posts.ts';
import { markPosted } from '../schedule/mark-posted.ts';
import { PostStore } from '../schedule/post-store.ts';
import type { PostState } from '../schedule/post-record.ts';
import { retryPost } from '../schedule/retry-post.ts';
import { openStateDb } from '../store/open-state-db.ts';
import { PromoError } from '../util/promo-error.ts';
import type { DashboardPage, RouteContext } from './dashboard-types.ts';
import { html } from './html.ts';
import { nowMessages } from './now-messages.ts';
import { MAX_STREAMS, renderNowStreams } from './render-now-streams.ts';
import { renderPostChip } from './render-post-chip.ts';
import type { SafeHtml } from './safe-html.ts';
import { safeHref } from './safe-href.ts';
import { zonedTime } from './zoned-time.ts';

const DONE = new Set(['retried', 'cancelled', 'marked']);

export const nowPage: DashboardPage = {
  nav: { path: '/now', label: 'nav.now' },
  messages: nowMessages,
  routes: [
    {
      method: 'GET',
      path: '/now',
      async handle(ctx) {
        const [streams, notice] = await ctx.read((reader) => {
          const part = streamsPart(ctx, reader);
          return [part.html, doneNotice(ctx, part.posts)] as const;
        });
        return ctx.page({ title: ctx.t('now.title'), active: '/now', body: html`${notice}${streams}` });
      },
    },
    {
      method: 'GET',
      path: '/parts/now',
      handle: async (ctx) => ({ html: await ctx.read((reader) => streamsPart(ctx, reader).html) }),
    },
    {
      // One chip, fetched again by dashboard.js when a `posts` event names it.
      method: 'GET',
      path: '/parts/posts/:id',
      async handle(ctx) {
        const id = Number(ctx.params.id);
        const [post] = Number.isInteger(id) ? await ctx.read((reader) => reader.posts({ ids: [id] })) : [];
        if (!post) return { status: 404, html: html`<p class="empty">${ctx.t('error.notFound')}</p>` };
        return { html: renderPostChip(post, { t: ctx.t, started: ctx.now().getTime() >= Date.parse(post.occurrence), outbox: ctx.config.channels[post.channel]?.type === 'folder' }) };
      },
    },
    { method: 'POST', path: '/posts/:id/retry', handle: (ctx) => act(ctx, 'retried', (store, id) => void retryPost(store, id, { now: ctx.now(), graceSeconds: ctx.config.posts.grace })) },
    {
      method: 'POST',
      path: '/posts/:id/cancel',
      handle: (ctx) => act(ctx, 'cancelled', async (store, id) => {
        if ((await cancelPosts(store, ctx.config, { id })) === 0) throw new PromoError('USAGE', `post #${id} is ${store.get(id)?.state ?? 'not there'}; only pending, failed or unknown posts can be cancelled`);
      }),
    },
    { method: 'POST', path: '/posts/:id/mark-posted', handle: (ctx) => act(ctx, 'marked', (store, id) => void markPosted(store, ctx.config, id, { now: ctx.now() })) },
  ],
  feeds: [{
    event: 'posts',
    start() {
      // Posts changed since the last pass (by their updatedAt), so a pass reads only those.
      // The first pass looks 5 s back and sends nothing: a page loaded after it is current.
      let since: string | undefined;
      let sent = new Set<string>();
      return (reader) => {
        const first = since === undefined;
        since ??= new Date(Date.now() - 5000).toISOString();
        const changed = reader.posts({ changedSince: since }).filter((post) => !sent.has(`${post.id}|${post.updatedAt}`));
        if (changed.length === 0) return undefined;
        since = changed.reduce((max, post) => (post.updatedAt > max ? post.updatedAt : max), since);
        // Changes at the same millisecond as `since` are read again next time: remember those.
        sent = new Set(changed.filter((post) => post.updatedAt === since).map((post) => `${post.id}|${post.updatedAt}`));
        return first ? undefined : { changed: changed.map(eventPost) };
      };
    },
  }],
};

/** What the `posts` event says of a post: what its chip shows, nothing more (no text, no file paths). */
function eventPost(post: PostView) {
  return { id: post.id, channel: post.channel, state: post.state, due: post.due, detail: post.detail, remoteUrl: safeHref(post.remoteUrl), updatedAt: post.updatedAt };
}

const STREAMS_SHOWN = 20;
const LATER_NEEDING_PERSON = 50;
const NEEDS_PERSON: PostState[] = ['failed', 'missed', 'unknown'];

/** The first streams (the page's `streams`, 20 by default) and their posts, read without reading every post. */
function streamsPart(ctx: RouteContext, reader: StateReader): { html: SafeHtml; posts: PostView[] } {
  const asked = Math.floor(Number(ctx.url.searchParams.get('streams')));
  const limit = Number.isFinite(asked) && asked >= 1 ? Math.min(asked, MAX_STREAMS) : STREAMS_SHOWN;
  const now = ctx.now();
  const streams = reader.streams(now);
  const shown = streams.slice(0, limit);
  const last = shown.at(-1);
  const posts = last ? reader.posts({ upcoming: true, now, streamsUntil: last.occurrence }) : [];
  const shownKeys = new Set(shown.map((s) => `${s.spec}\u0000${s.occurrence}`));
  // At most LATER_NEEDING_PERSON of the later streams' (soonest first), read as such: posts of
  // streams from the last one shown on (a stream at the same time but not shown is one of them).
  const laterAll = last && streams.length > shown.length
    ? reader.posts({ upcoming: true, now: new Date(Date.parse(last.occurrence) - 1), states: NEEDS_PERSON, limit: 1000 }).filter((p) => !shownKeys.has(`${p.spec}\u0000${p.occurrence}`))
    : [];
  const laterNeedingPerson = laterAll.slice(0, LATER_NEEDING_PERSON);
  return {
    html: renderNowStreams(posts.filter((p) => shownKeys.has(`${p.spec}\u0000${p.occurrence}`)), { t: ctx.t, config: ctx.config, now, streams: limit, laterStreams: streams.length - shown.length, laterNeedingPerson, laterNeedingPersonCount: laterAll.length }),
    posts: [...posts, ...laterNeedingPerson],
  };
}

/** The notice after an action, said from the post's state now (the query names only the action and the id). */
function doneNotice(ctx: RouteContext, posts: PostView[]): SafeHtml | string {
  const done = ctx.url.searchParams.get('done') ?? '';
  const id = Number(ctx.url.searchParams.get('post'));
  const post = posts.find((p) => p.id === id);
  if (!DONE.has(done) || !post) return '';
  let until = '';
  if (done === 'retried' && post.retried) {
    const end = Math.min(Date.parse(post.retried) + ctx.config.posts.grace * 1000, Date.parse(post.occurrence));
    until = `${zonedTime(new Date(end), post.zone)} ${post.zone}`;
  }
  return html`<p class="notice" role="status">${ctx.t(`done.${done}`, { id, until })}</p>`;
}

async function act(ctx: RouteContext, done: string, change: (store: PostStore, id: number) => void | Promise<void>) {
  const id = Number(ctx.params.id);
  if (!Number.isInteger(id) || id < 1) throw new PromoError('USAGE', `${ctx.params.id} is not a post id`);
  await ctx.form();
  // No state database: no post to act on (and none is created for nothing).
  if (!existsSync(ctx.config.state)) throw new PromoError('USAGE', `no post #${id}`, { hint: 'nothing is scheduled yet (`promo schedule spec.yaml`)' });
  const db = openStateDb(ctx.config.state);
  try {
    await change(new PostStore(db), id);
  } finally {
    db.close();
  }
  return { redirect: `/now?done=${done}&post=${id}#post-${id}` };
}
