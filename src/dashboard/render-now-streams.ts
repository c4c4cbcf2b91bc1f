// The Now page's live region: the first upcoming streams (start in its zone, zone named) with
// their posts as chips per channel; then, from later streams, only the posts that need a person
// (a failure is never hidden behind "show more"); then how many later streams there are.
// dashboard.js fetches it again (/parts/now?streams=N) on each `posts` event.
import type { PromoConfig } from '../config/config-types.ts';
import type { PostView } from '../read/read-posts.ts';
import type { Translate } from './dashboard-types.ts';
import { groupStreams, type StreamGroup } from './group-streams.ts';
import { html } from './html.ts';
import { renderPostChip } from './render-post-chip.ts';
import type { SafeHtml } from './safe-html.ts';
import { zonedTime } from './zoned-time.ts';

/** The most streams one page shows. */
export const MAX_STREAMS = 500;

export interface NowStreamsOptions {
  t: Translate;
  config: Pick<PromoConfig, 'channels'>;
  now: Date;
  /** How many streams are shown (the page's `streams`). */
  streams: number;
  /** Streams after those shown. */
  laterStreams: number;
  /** Failed, missed and unknown posts of the later streams (the first of them). */
  laterNeedingPerson: readonly PostView[];
  /** How many there are in all. */
  laterNeedingPersonCount: number;
}

/** The region for `posts` (those of the streams shown), wrapped in its live region. */
export function renderNowStreams(posts: readonly PostView[], options: NowStreamsOptions): SafeHtml {
  const { t } = options;
  const shown = groupStreams(posts).slice(0, options.streams);
  const needing = groupStreams(options.laterNeedingPerson);
  return html`<div id="now-streams" data-live="posts" data-src="/parts/now?streams=${options.streams}">
${shown.length === 0 ? html`<p class="empty">${t('now.none')}</p>` : ''}
${shown.map((stream) => renderStream(stream, options, true))}
${needing.length > 0 ? html`<h2 class="later-title">${t('now.laterNeedPerson')}</h2>${needing.map((stream) => renderStream(stream, options, false))}` : ''}
${options.laterNeedingPersonCount > options.laterNeedingPerson.length ? html`<p class="more">${t('now.laterNeedPersonMore', { n: options.laterNeedingPersonCount - options.laterNeedingPerson.length })}</p>` : ''}
${options.laterStreams > 0 ? html`<p class="more">${t('now.later', { n: options.laterStreams })} <a href="/now?streams=${Math.min(options.streams * 2, MAX_STREAMS)}">${t('now.showMore')}</a></p>` : ''}
</div>`;
}

function renderStream(stream: StreamGroup, options: NowStreamsOptions, complete: boolean): SafeHtml {
  const { t } = options;
  const started = options.now.getTime() >= Date.parse(stream.occurrence);
  const count = stream.channels.reduce((n, c) => n + c.posts.length, 0);
  return html`<section class="stream">
<h2>${stream.title}</h2>
<p class="stream-when">${t('now.starts')} <span class="when" data-instant="${stream.occurrence}" data-zone="${stream.zone}">${zonedTime(stream.occurrence, stream.zone)} ${stream.zone}</span>${complete ? html` · ${count === 1 ? t('now.posts.one') : t('now.posts', { n: count })}` : ''}</p>
${stream.channels.map((group) => html`<div class="channel">
<p class="channel-name">${group.channel}</p>
<div class="chips">${group.posts.map((post) => renderPostChip(post, { t, started, outbox: options.config.channels[post.channel]?.type === 'folder' }))}</div>
</div>`)}
</section>`;
}
