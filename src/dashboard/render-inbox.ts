// The Inbox page's markup: per watched inbox, the files it waits for (and why), its queued and
// running jobs, its failed files with promo's note and a Retry button, and what it rendered.
import { relative } from 'node:path';
import type { Job } from '../queue/job-runner.ts';
import type { FailedFileView } from '../read/read-failed-files.ts';
import type { InboxView } from '../read/read-inboxes.ts';
import type { Translate } from './dashboard-types.ts';
import { formatAge } from './format-age.ts';
import { html } from './html.ts';
import { pathId } from './path-id.ts';
import type { SafeHtml } from './safe-html.ts';

export interface InboxSection {
  inbox: InboxView;
  /** This inbox's jobs, newest first. */
  jobs: Job[];
  failed: FailedFileView[];
}

/** A running job's bar: its render's figure once the worker reported one, else an indeterminate bar. */
function renderJobProgress(job: Job, t: Translate): SafeHtml {
  if (!job.progress) return html`<progress aria-label="${t('inbox.rendering')}"></progress>`;
  // Floored: 100 % only once it is done.
  const percent = Math.floor(job.progress.fraction * 100);
  return html`<div class="job-progress"><progress max="1" value="${job.progress.fraction.toFixed(3)}" aria-label="${t('inbox.rendering')}"></progress><span class="percent">${percent} %</span></div>
<p class="chip-detail muted job-what">${job.progress.what}</p>`;
}

/** Done jobs shown per inbox. */
const DONE_SHOWN = 10;

/** The Inbox page's live region. */
export function renderInbox(sections: readonly InboxSection[], options: { t: Translate; base: string; now: Date }): SafeHtml {
  const { t } = options;
  const rel = (file: string) => {
    const r = relative(options.base, file);
    return r && !r.startsWith('..') ? r : file;
  };
  const ago = (iso: string | undefined) => (iso ? formatAge((options.now.getTime() - Date.parse(iso)) / 1000, t) : '');
  return html`<div id="inbox" data-live="inbox" data-src="/parts/inbox">
${sections.length === 0 ? html`<p class="empty">${t('inbox.none')}</p>` : ''}
${sections.map(({ inbox, jobs, failed }) => {
  const open = jobs.filter((job) => job.state === 'queued' || job.state === 'running');
  const done = jobs.filter((job) => job.state === 'done' || job.state === 'duplicate').slice(0, DONE_SHOWN);
  const failedJobs = jobs.filter((job) => job.state === 'failed');
  return html`<section class="stream inbox" id="i-${pathId(inbox.inbox)}">
<h2>${rel(inbox.inbox)}</h2>
<p class="stream-when">${inbox.spec ? t('inbox.spec', { spec: rel(inbox.spec) }) : t('inbox.noSpec')}</p>
<h3>${t('inbox.waiting')} (${inbox.waiting.length})</h3>
${inbox.waiting.length === 0 ? html`<p class="empty">${t('inbox.nothingWaiting')}</p>` : html`<ul class="rows">${inbox.waiting.map((file) => html`<li class="chip chip-pending">
<div class="chip-head"><span class="chip-label">${file.fileName}</span><span class="muted">${t('inbox.since', { ago: ago(file.since) })}</span></div>
<p class="chip-detail">${file.reason}</p>
<p class="chip-todo">${file.watcherAlive ? t('inbox.givesUp', { at: file.giveUpAt.slice(0, 16).replace('T', ' ') }) : t('inbox.watcherGone')}</p>
</li>`)}</ul>`}
<h3>${t('inbox.jobs')} (${open.length})</h3>
${open.length === 0 ? html`<p class="empty">${t('inbox.noJobs')}</p>` : html`<ul class="rows">${open.map((job) => html`<li class="chip chip-${job.state === 'running' ? 'sending' : 'pending'}" data-job="${job.id}">
<div class="chip-head"><span class="chip-label">${job.fileName}</span><span class="state">${t(`inbox.state.${job.state}`)}</span>${job.sku ? html`<span class="muted">${job.sku}</span>` : ''}</div>
<p class="chip-detail muted">${job.state === 'running' ? t('inbox.runningFor', { ago: ago(job.startedAt), worker: job.worker ?? '?' }) : t('inbox.queuedFor', { ago: ago(job.createdAt) })}</p>
${job.state === 'running' ? renderJobProgress(job, t) : ''}
</li>`)}</ul>`}
<h3>${t('inbox.failed')} (${failed.length})</h3>
${failed.length === 0 ? html`<p class="empty">${t('inbox.noFailed')}</p>` : html`<ul class="rows">${failed.map((file) => html`<li class="chip chip-failed">
<div class="chip-head"><span class="chip-label">${file.name}</span><span class="muted">${t('inbox.failedAgo', { ago: ago(file.failedAt) })}</span></div>
${file.note ? html`<p class="chip-detail">${file.note}</p>` : html`<p class="chip-detail muted">${t('inbox.noNote')}</p>`}
<div class="actions"><form method="post" action="/inbox/${pathId(inbox.inbox)}/failed/${pathId(file.file)}/retry" data-confirm="${t('inbox.retryConfirm', { name: file.name })}"><button class="primary" type="submit">${t('inbox.retry')}</button></form></div>
</li>`)}</ul>`}
${failedJobs.length > 0 ? html`<details><summary>${t('inbox.failedJobs', { n: failedJobs.length })}</summary><ul class="rows">${failedJobs.slice(0, DONE_SHOWN).map((job) => html`<li><strong>${job.fileName}</strong> <span class="muted">#${job.id} · ${t('inbox.finishedAgo', { ago: ago(job.finishedAt ?? job.createdAt) })}</span><br><span class="chip-detail">${job.error ?? ''}</span></li>`)}</ul></details>` : ''}
<h3>${t('inbox.done')}</h3>
${done.length === 0 ? html`<p class="empty">${t('inbox.noneDone')}</p>` : html`<ul class="rows">${done.map((job) => html`<li class="chip chip-sent">
<div class="chip-head"><span class="chip-label">${job.fileName}</span><span class="state">${t(`inbox.state.${job.state}`)}</span>${job.sku ? html`<span class="muted">${job.sku}</span>` : ''}<span class="muted">${t('inbox.finishedAgo', { ago: ago(job.finishedAt ?? job.createdAt) })}</span></div>
${job.outputs.length > 0 ? html`<p class="chip-detail muted">${job.outputs.map((file) => rel(file)).join(', ')}</p>` : ''}
${job.error ? html`<p class="chip-todo">${job.error}</p>` : ''}
</li>`)}</ul>`}
</section>`;
})}
</div>`;
}
