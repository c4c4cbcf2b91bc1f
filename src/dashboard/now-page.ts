// The Now page: upcoming streams with their posts per channel (render-now-streams.ts), and the
// post actions, each through the function its CLI command calls: Retry (retryPost: failed,
// missed or unknown, before the stream starts, grace from the retry, same key), Cancel
// (cancelPosts), Mark as posted (markPosted). After an action the page comes back with a notice.
import { existsSync } from 'node:fs';
import type { PostView } from '../read/read-posts.ts';
import { cancelPosts } from '../schedule/cancel-posts.ts';
import { markPosted } from '../schedule/mark-posted.ts';
import { PostStore } from '../schedule/post-store.ts';
import { retryPost } from '../schedule/retry-post.ts';
import { openStateDb } from '../store/open-state-db.ts';
import { PromoError } from '../util/promo-error.ts';
import type { DashboardPage, RouteContext } from './dashboard-types.ts';
import { html } from './html.ts';
import { nowMessages } from './now-messages.ts';
import { renderNowStreams } from './render-now-streams.ts';
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
        const [streams, notice] = await ctx.read((reader) => [streamsPart(ctx, reader.posts({ upcoming: true, now: ctx.now() })), doneNotice(ctx, reader.posts({ upcoming: false }))] as const);
        return ctx.page({ title: ctx.t('now.title'), active: '/now', body: html`${notice}${streams}` });
      },
    },
    {
      method: 'GET',
      path: '/parts/now',
      handle: async (ctx) => ({ html: await ctx.read((reader) => streamsPart(ctx, reader.posts({ upcoming: true, now: ctx.now() }))) }),
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
      let seen: Map<number, string> | undefined;
      return (reader, now) => {
        const posts = reader.posts({ upcoming: true, now });
        const marks = new Map(posts.map((post) => [post.id, `${post.state}|${post.updatedAt}`]));
        const before = seen;
        seen = marks;
        if (!before) return undefined;
        const changed = posts.filter((post) => before.get(post.id) !== marks.get(post.id)).map(eventPost);
        const removed = [...before.keys()].filter((id) => !marks.has(id));
        return changed.length + removed.length > 0 ? { changed, removed } : undefined;
      };
    },
  }],
};

/** What the `posts` event says of a post: what its chip shows, nothing more (no text, no file paths). */
function eventPost(post: PostView) {
  return { id: post.id, channel: post.channel, state: post.state, due: post.due, detail: post.detail, remoteUrl: safeHref(post.remoteUrl), updatedAt: post.updatedAt };
}

function streamsPart(ctx: RouteContext, posts: PostView[]): SafeHtml {
  return renderNowStreams(posts, { t: ctx.t, config: ctx.config, now: ctx.now() });
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
