// One post as a chip on the Now page: its place ("3 h before", the team's T-3h beside it), state, due time in the stream's zone (the
// viewer's beside it, by dashboard.js), the platform link once sent, the channel's exact error and
// what to do when it failed or is unknown, and the actions the CLI allows in that state: Retry
// (failed, missed, unknown, before the stream starts), Cancel (pending, failed, unknown), Mark as
// posted (unknown; outbox posts sent to their folder).
import type { PostView } from '../read/read-posts.ts';
import { MARKED_POSTED } from '../schedule/mark-posted.ts';
import type { Translate } from './dashboard-types.ts';
import { html } from './html.ts';
import { describeLead } from './describe-lead.ts';
import { postLabel } from './post-label.ts';
import type { SafeHtml } from './safe-html.ts';
import { safeHref } from './safe-href.ts';
import { zonedTime } from './zoned-time.ts';

export interface ChipOptions {
  t: Translate;
  /** The post's channel is an outbox folder (a person posts it). */
  outbox: boolean;
  /** The stream has started (nothing may be retried). */
  started: boolean;
}

const AUTH_ERROR = /\b(401|403)\b|credential|unauthori[sz]ed|invalid (token|key|signature)|reconnect|sign(ature)? (mismatch|check)/i;

/** The chip of `post`. */
export function renderPostChip(post: PostView, options: ChipOptions): SafeHtml {
  const { t } = options;
  const marked = post.detail?.startsWith(MARKED_POSTED) ?? false;
  const waitingInOutbox = options.outbox && post.state === 'sent' && !marked;
  const canRetry = !options.started && (post.state === 'failed' || post.state === 'missed' || post.state === 'unknown');
  const canCancel = post.state === 'pending' || post.state === 'failed' || post.state === 'unknown';
  const canMark = post.state === 'unknown' || waitingInOutbox;
  const link = safeHref(post.remoteUrl);
  const needsPerson = post.state === 'failed' || post.state === 'missed' || post.state === 'unknown';
  const todo = post.state === 'failed' ? t(AUTH_ERROR.test(post.detail ?? '') ? 'todo.auth' : 'todo.failed', { channel: post.channel })
    : post.state === 'unknown' ? t('todo.unknown', { channel: post.channel })
      : post.state === 'missed' ? t('todo.missed')
        : waitingInOutbox ? t('todo.outbox') : undefined;
  return html`<article class="chip chip-${post.state}" id="post-${post.id}" data-item="posts:${post.id}" data-src="/parts/posts/${post.id}" data-state="${post.state}">
<div class="chip-head"><span class="chip-label">${describeLead(new Date(post.due), new Date(post.occurrence), t)} <span class="lead-code muted">${postLabel(new Date(post.due), new Date(post.occurrence))}</span></span><span class="state">${t(marked ? 'state.posted' : `state.${post.state}`)}</span><span class="when" data-instant="${post.due}" data-zone="${post.zone}">${post.local} ${post.zone}</span><span class="muted">#${post.id}</span></div>
${post.subject ? html`<div class="muted">${t('now.video', { subject: post.subject })}</div>` : ''}
${post.state === 'sent' && post.sentAt ? html`<div class="muted">${t('now.sentAt', { when: `${zonedTime(post.sentAt, post.zone)} ${post.zone}` })}${link ? html` · <a href="${link}" rel="noopener noreferrer" target="_blank">${t('now.open')}</a>` : ''}</div>` : ''}
${post.state === 'pending' && post.nextAttempt ? html`<div class="muted">${t('now.retryAt', { when: `${zonedTime(post.nextAttempt, post.zone)} ${post.zone}` })}</div>` : ''}
${post.detail && (needsPerson || post.state === 'pending' || waitingInOutbox) ? html`<p class="chip-detail${needsPerson ? ' error' : ''}">${post.detail}</p>` : ''}
${todo ? html`<p class="chip-todo">${todo}</p>` : ''}
<details><summary>${t('now.text')}</summary><p class="chip-detail">${post.title ? html`«${post.title}» ` : ''}${post.text}</p></details>
${canRetry || canCancel || canMark ? html`<div class="actions">
${canRetry ? html`<form method="post" action="/posts/${post.id}/retry"><button class="primary" type="submit">${t('action.retry')}</button></form>` : ''}
${canMark ? html`<form method="post" action="/posts/${post.id}/mark-posted"><button type="submit">${t('action.markPosted')}</button></form>` : ''}
${canCancel ? html`<form method="post" action="/posts/${post.id}/cancel" data-confirm="${t('confirm.cancel')}"><button type="submit">${t('action.cancel')}</button></form>` : ''}
</div>` : ''}
</article>`;
}
