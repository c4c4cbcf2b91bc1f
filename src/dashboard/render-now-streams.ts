// The Now page's live region: each upcoming stream (start in its zone, zone named) with its
// posts as chips per channel. dashboard.js fetches it again (/parts/now) on each `posts` event.
import type { PromoConfig } from '../config/config-types.ts';
import type { PostView } from '../read/read-posts.ts';
import type { Translate } from './dashboard-types.ts';
import { groupStreams } from './group-streams.ts';
import { html } from './html.ts';
import { renderPostChip } from './render-post-chip.ts';
import type { SafeHtml } from './safe-html.ts';
import { zonedTime } from './zoned-time.ts';

/** The streams of `posts` (those of upcoming streams), wrapped in their live region. */
export function renderNowStreams(posts: readonly PostView[], options: { t: Translate; config: Pick<PromoConfig, 'channels'>; now: Date }): SafeHtml {
  const { t } = options;
  const streams = groupStreams(posts);
  return html`<div id="now-streams" data-live="posts" data-src="/parts/now">
${streams.length === 0 ? html`<p class="empty">${t('now.none')}</p>` : ''}
${streams.map((stream) => {
    const started = options.now.getTime() >= Date.parse(stream.occurrence);
    const count = stream.channels.reduce((n, c) => n + c.posts.length, 0);
    return html`<section class="stream">
<h2>${stream.title}</h2>
<p class="stream-when">${t('now.starts')} <span class="when" data-instant="${stream.occurrence}" data-zone="${stream.zone}">${zonedTime(stream.occurrence, stream.zone)} ${stream.zone}</span> · ${count === 1 ? t('now.posts.one') : t('now.posts', { n: count })}</p>
${stream.channels.map((group) => html`<div class="channel">
<p class="channel-name">${group.channel}</p>
<div class="chips">${group.posts.map((post) => renderPostChip(post, { t, started, outbox: options.config.channels[post.channel]?.type === 'folder' }))}</div>
</div>`)}
</section>`;
  })}
</div>`;
}
