// One preset's tile on the Clips page: its video (played from /media/<id> with Range; nothing is
// fetched before it is played, the cover stands in: a page of 500 videos makes no 500 requests) and cover
// side by side, each with the preset's safe zones drawn over it (an SVG in the frame's own
// coordinates, shown by the tile's toggle through CSS: no script, no style attribute), and the
// preset's frame, duration and size.
import type { ArtifactView } from '../read/read-artifacts.ts';
import type { SafeZone } from '../presets/presets.ts';
import type { PresetTile } from './build-clips-view.ts';
import type { Translate } from './dashboard-types.ts';
import { html } from './html.ts';
import { pathId } from './path-id.ts';
import type { SafeHtml } from './safe-html.ts';

/** The tile of `tile` (a preset of one product). */
export function renderClipTile(tile: PresetTile, t: Translate): SafeHtml {
  const { video, cover } = tile;
  const facts = [
    `${tile.width}×${tile.height}`,
    video?.duration !== undefined ? t('clips.seconds', { n: video.duration.toFixed(1) }) : undefined,
    video ? formatBytes(video.bytes) : undefined,
  ].filter((fact): fact is string => fact !== undefined);
  return html`<figure class="tile" data-preset="${tile.preset}">
<figcaption><strong>${tile.preset}</strong> <span class="muted">${facts.join(' · ')}</span></figcaption>
${tile.safe ? html`<label class="safe-switch"><input type="checkbox" class="safe-toggle"> ${t('clips.safeZones')}</label>` : ''}
<div class="pair">
${video ? html`<div class="frame">${sizer(tile)}<video class="fill" controls preload="none" playsinline src="${mediaUrl(video)}"${cover ? html` poster="${mediaUrl(cover)}"` : ''} data-sha="${video.sha256.slice(0, 12)}"></video>${overlay(tile)}</div>` : html`<p class="empty">${t('clips.noVideo')}</p>`}
${cover ? html`<div class="frame">${sizer(tile)}<img class="fill" src="${mediaUrl(cover)}" alt="${t('clips.coverOf', { preset: tile.preset })}" loading="lazy">${overlay(tile)}</div>` : ''}
</div>
${video?.warning ? html`<p class="chip-todo">${video.warning}</p>` : ''}
</figure>`;
}

/** /media/<id>?v=<content>: a re-render is a new URL, so the browser fetches the new file. */
function mediaUrl(artifact: ArtifactView): string {
  return `/media/${pathId(artifact.file)}?v=${artifact.sha256.slice(0, 12)}`;
}

// An empty SVG in the flow gives the frame the preset's shape before the video's metadata loads.
function sizer(tile: PresetTile): SafeHtml {
  return html`<svg class="sizer" viewBox="0 0 ${tile.width} ${tile.height}" aria-hidden="true"></svg>`;
}

// Every tile of a preset draws the same overlay: built once per frame and safe zone.
const overlays = new Map<string, SafeHtml>();

function overlay(tile: PresetTile): SafeHtml {
  if (!tile.safe) return html``;
  const { width: w, height: h } = tile;
  const s: SafeZone = tile.safe;
  const key = `${w}x${h}:${s.top},${s.right},${s.bottom},${s.left}`;
  let drawn = overlays.get(key);
  if (!drawn) {
    drawn = drawOverlay(w, h, s);
    overlays.set(key, drawn);
  }
  return drawn;
}

function drawOverlay(w: number, h: number, s: SafeZone): SafeHtml {
  const inner = Math.max(0, h - s.top - s.bottom);
  return html`<svg class="safe" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" aria-hidden="true">
<rect x="0" y="0" width="${w}" height="${s.top}"/><rect x="0" y="${h - s.bottom}" width="${w}" height="${s.bottom}"/>
<rect x="0" y="${s.top}" width="${s.left}" height="${inner}"/><rect x="${w - s.right}" y="${s.top}" width="${s.right}" height="${inner}"/>
<rect class="safe-line" x="${s.left}" y="${s.top}" width="${Math.max(0, w - s.left - s.right)}" height="${inner}"/>
</svg>`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
