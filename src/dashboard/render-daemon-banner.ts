// The daemon banner at the top of every page: green while the daemon beats, red when it has not
// beaten for DAEMON_STALE_MS (a minute), died holding its lock, or is not running (due posts wait).
// A live region: the page fetches it again on each `daemon` event.
import type { DaemonStatus } from '../read/read-daemon-status.ts';
import type { Translate } from './dashboard-types.ts';
import { formatAge } from './format-age.ts';
import { html } from './html.ts';
import type { SafeHtml } from './safe-html.ts';

/** The banner for `status`, wrapped in its live region. */
export function renderDaemonBanner(status: DaemonStatus, t: Translate): SafeHtml {
  const ago = formatAge(status.heartbeatAgeSeconds ?? 0, t);
  const ok = status.state === 'running';
  return html`<div id="daemon-banner" data-live="daemon" data-src="/parts/daemon-banner">
<p class="banner ${ok ? 'banner-ok' : 'banner-alert'}" role="${ok ? 'status' : 'alert'}" data-daemon-state="${status.state}">${t(`daemon.${status.state}`, { ago })}${status.lastHeartbeat ? html` <span class="banner-when">(${t('daemon.lastTick')} <time datetime="${status.lastHeartbeat}" data-local-time></time>)</span>` : ''}</p>
</div>`;
}
