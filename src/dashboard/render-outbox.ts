// The Outbox pages' markup. Desktop: every post to publish by hand with its text, cover and a QR
// code that opens its phone page. Phone: one post, with the video to save, the text and a copy
// button, the cover, and Mark as posted.
import { basename } from 'node:path';
import type { OutboxEntry } from './build-outbox-view.ts';
import type { Translate } from './dashboard-types.ts';
import { html } from './html.ts';
import { pathId } from './path-id.ts';
import type { SafeHtml } from './safe-html.ts';

/** The desktop list (a live region); `qr` holds each entry's QR code by id. */
export function renderOutboxList(entries: readonly OutboxEntry[], qr: ReadonlyMap<string, SafeHtml>, t: Translate): SafeHtml {
  return html`<div id="outbox" data-live="outbox posts" data-src="/parts/outbox">
${entries.length === 0 ? html`<p class="empty">${t('outbox.none')}</p>` : ''}
${entries.map((entry) => html`<article class="stream outbox-post${entry.posted ? ' posted' : ''}" id="o-${entry.id}">
<div class="outbox-row">
<div class="outbox-main">
<h2>${entry.folder.streamTitle ?? basename(entry.folder.folder)}</h2>
<p class="stream-when">${when(entry, t)} · ${entry.folder.channel}${entry.posted ? html` · <span class="state">${t('outbox.posted')}</span>` : ''}</p>
<p class="outbox-text">${entry.folder.text}</p>
<p><a href="/outbox/${entry.id}">${t('outbox.open')}</a></p>
</div>
${entry.folder.cover ? html`<img class="outbox-cover" src="/media/${pathId(entry.folder.cover)}" alt="${t('outbox.cover')}" loading="lazy">` : ''}
${entry.posted ? '' : html`<figure class="qr-box">${qr.get(entry.id) ?? ''}<figcaption>${t('outbox.scan')}</figcaption></figure>`}
</div>
</article>`)}
</div>`;
}

/** The phone page of one post. */
export function renderOutboxPhone(entry: OutboxEntry, t: Translate): SafeHtml {
  const { folder, post } = entry;
  const canMark = post !== undefined && post.state === 'sent' && !entry.posted;
  return html`<div class="phone-post" id="o-${entry.id}" data-live="outbox posts" data-src="/parts/outbox/${entry.id}">
<p class="stream-when">${when(entry, t)} · ${folder.channel}</p>
${entry.posted ? html`<p class="notice">${t('outbox.alreadyPosted')}</p>` : ''}
${folder.video ? html`<section class="phone-block">
<video class="phone-video" controls playsinline preload="metadata" src="/media/${pathId(folder.video)}"${folder.cover ? html` poster="/media/${pathId(folder.cover)}"` : ''}></video>
<p><a class="button primary" href="/media/${pathId(folder.video)}" download="${basename(folder.video)}">${t('outbox.saveVideo')}</a></p>
<p class="hint">${t('outbox.saveHint')}</p>
</section>` : ''}
<section class="phone-block">
<h2>${t('outbox.text')}</h2>
<textarea class="copy-source" id="text-${entry.id}" readonly rows="6">${folder.text}</textarea>
<p><button type="button" class="primary" data-copy="text-${entry.id}" data-copied="${t('outbox.copied')}">${t('outbox.copy')}</button></p>
</section>
${folder.cover ? html`<section class="phone-block">
<h2>${t('outbox.cover')}</h2>
<img class="phone-cover" src="/media/${pathId(folder.cover)}" alt="${t('outbox.cover')}">
<p><a class="button" href="/media/${pathId(folder.cover)}" download="${basename(folder.cover)}">${t('outbox.saveCover')}</a></p>
</section>` : ''}
${canMark ? html`<form method="post" action="/outbox/${entry.id}/posted" class="phone-block" data-confirm="${t('outbox.markConfirm')}">
<button type="submit" class="primary">${t('outbox.mark')}</button>
</form>` : post === undefined ? html`<p class="hint">${t('outbox.notStored')}</p>` : ''}
</div>`;
}

function when(entry: OutboxEntry, t: Translate): SafeHtml {
  const local = entry.folder.local ?? (entry.post ? `${entry.post.local} ${entry.post.zone}` : undefined);
  const due = entry.folder.due ?? entry.post?.due;
  if (!local || !due) return html`${t('outbox.noTime')}`;
  const zone = local.split(' ').at(-1);
  return html`<span data-instant="${due}" data-zone="${zone}">${local}</span>`;
}
