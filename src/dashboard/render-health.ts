// The Health page's markup: version, engine (the ffmpeg and ffprobe paths renders run, ffmpeg's
// version) and its features, disk space, channels and accounts, what needs a person first in each
// list. Names and states only: never a URL, token or secret.
import type { HealthView } from '../read/read-health.ts';
import type { Translate } from './dashboard-types.ts';
import { html } from './html.ts';
import type { SafeHtml } from './safe-html.ts';

const LOW_DISK_BYTES = 2 * 1024 ** 3;

/** The Health body. */
export function renderHealth(health: HealthView, t: Translate): SafeHtml {
  const { engine } = health;
  const channels = [...health.channels].sort((a, b) => Number(b.problems.length > 0) - Number(a.problems.length > 0));
  const accounts = [...health.accounts].sort((a, b) => Number(b.problems.length > 0) - Number(a.problems.length > 0));
  return html`<div id="health" data-live="health daemon" data-src="/parts/health">
<p class="muted">${t('health.version', { version: health.version })}</p>
<section class="stream"><h2>${t('health.engine')}</h2>
${engine.ok ? html`<p>${t('health.ffmpeg', { version: engine.version, which: t(engine.bundled ? 'health.bundled' : 'health.configured') })}</p>
<p class="engine-paths"><code>${engine.ffmpeg}</code><br><code>${engine.ffprobe}</code></p>
<p>${t('health.features')}: ${engine.features.map((f) => html`<span class="feature${f.present ? '' : ' missing'}">${f.name}${f.present ? '' : html` · ${t('health.missing')}`}</span> `)}</p>
${engine.features.some((f) => f.name === 'xfade' && !f.present) ? html`<p class="chip-todo">${t('health.noXfade')}</p>` : ''}`
  : html`<p class="error">${t('health.engineBroken')}: ${engine.error}</p>${engine.hint ? html`<p class="hint">${engine.hint}</p>` : ''}`}
</section>
<section class="stream"><h2>${t('health.disks')}</h2><ul class="rows">
${health.disks.map((disk) => html`<li><strong>${t(`health.disk.${disk.what}`)}</strong> <code>${disk.folder}</code><br>
${disk.free !== undefined && disk.total !== undefined ? html`${t('health.free', { free: gb(disk.free), total: gb(disk.total) })}${disk.free < LOW_DISK_BYTES ? html`<br><span class="error">${t('health.lowDisk')}</span>` : ''}` : html`<span class="error">${disk.error ?? ''}</span>`}</li>`)}
</ul></section>
<section class="stream"><h2>${t('health.channels')}</h2>
${channels.length === 0 ? html`<p class="empty">${t('health.noChannels')}</p>` : html`<ul class="rows">${channels.map((channel) => html`<li class="chip ${channel.problems.length > 0 ? 'chip-failed' : 'chip-sent'}">
<div class="chip-head"><span class="chip-label">${channel.name}</span><span class="muted">${channel.type}</span>${channel.problems.length === 0 ? html`<span class="state">${t('health.ok')}</span>` : ''}</div>
${channel.problems.map((problem) => html`<p class="chip-todo">${problem}</p>`)}
</li>`)}</ul>`}
</section>
<section class="stream"><h2>${t('health.accounts')}</h2>
${health.accountsError ? html`<p class="error">${t('health.accountsError')}: ${health.accountsError}</p>` : ''}
${accounts.length === 0 ? html`<p class="empty">${t('health.noAccounts')}</p>` : html`<ul class="rows">${accounts.map((account) => html`<li class="chip ${account.status === 'connected' && account.problems.length === 0 ? 'chip-sent' : 'chip-failed'}">
<div class="chip-head"><span class="chip-label">${account.channel}</span><span class="muted">${account.type}${account.accountName ? ` · ${account.accountName}` : ''}</span><span class="state">${t(`health.status.${account.status}`)}</span></div>
${account.problems.map((problem) => html`<p class="chip-todo">${problem}</p>`)}
</li>`)}</ul>`}
</section>
</div>`;
}

function gb(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}
