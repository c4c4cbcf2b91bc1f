// The Clips page's markup: per spec and product, the live region of its tiles (swapped in again
// when its re-render ends), its failures with their place in the spec and hint, the re-render's
// progress, and the edit forms of its clips.
import { relative } from 'node:path';
import type { ClipRenderState } from './clip-renders.ts';
import type { ClipsView, ProductClips, SpecClips } from './build-clips-view.ts';
import type { Translate } from './dashboard-types.ts';
import { html } from './html.ts';
import { productKey } from './product-key.ts';
import { renderClipForm, type ClipFormState } from './render-clip-form.ts';
import { renderClipTile } from './render-clip-tile.ts';
import { formatYamlIssue } from '../yaml/yaml-issue.ts';
import type { SafeHtml } from './safe-html.ts';

export interface RenderClipsOptions {
  t: Translate;
  /** Paths are shown relative to this (the config's folder). */
  base: string;
  renderOf: (specFile: string, sku: string) => ClipRenderState | undefined;
  /** The form just refused, shown open with its problems. */
  form?: ClipFormState;
}

/** The whole Clips body. */
export function renderClips(view: ClipsView, options: RenderClipsOptions): SafeHtml {
  const { t } = options;
  if (view.specs.length === 0) return html`<p class="empty">${t('clips.none')}</p>`;
  return html`${view.notes.map((note) => html`<p class="notice">${note}</p>`)}
${view.specs.map((spec) => html`<section class="spec" id="s-${spec.id}">
<h2>${shown(spec.file, options.base)}</h2>
${spec.issues ? html`<div class="notice error"><p>${t('clips.specInvalid')}</p><ul>${spec.issues.map((issue) => html`<li><code>${formatYamlIssue(issue, options.base)}</code></li>`)}</ul></div>` : ''}
${spec.products.map((product) => renderProduct(spec, product, options))}
</section>`)}`;
}

/** One product's tiles, the region `/parts/clips/<spec id>/<sku>` answers with. */
export function renderProductTiles(spec: SpecClips, product: ProductClips, t: Translate): SafeHtml {
  const key = productKey(spec.file, product.sku);
  return html`<div class="tiles" id="t-${key}" data-live="clip-${key}" data-src="/parts/clips/${spec.id}/${encodeURIComponent(product.sku ?? 'reel')}">
${product.tiles.length === 0 ? html`<p class="empty">${t('clips.notRendered')}</p>` : product.tiles.map((tile) => renderClipTile(tile, t))}
</div>`;
}

function renderProduct(spec: SpecClips, product: ProductClips, options: RenderClipsOptions): SafeHtml {
  const { t } = options;
  const sku = product.sku;
  const index = sku === null ? -1 : spec.spec?.products.findIndex((p) => p.sku === sku) ?? -1;
  const form = options.form && options.form.specId === spec.id && options.form.sku === sku ? options.form : undefined;
  const render = sku === null ? undefined : options.renderOf(spec.file, sku);
  return html`<article class="product" id="p-${productKey(spec.file, sku)}">
<h3>${sku === null ? t('clips.reel') : sku}${product.name ? html` <span class="muted">${product.name}</span>` : ''}</h3>
${sku === null ? '' : renderState(`${spec.id}/${sku}`, render, t)}
${renderProductTiles(spec, product, t)}
${product.failures.length > 0 ? html`<ul class="failures">${product.failures.map((failure) => html`<li class="error">${failure.location ? html`<code>${failure.location}</code> ` : ''}${failure.message}${failure.hint ? html`<br><span class="hint">${failure.hint}</span>` : ''}</li>`)}</ul>` : ''}
${sku !== null && product.clips && index >= 0 ? html`<details class="clip-edit"${form ? html` open` : ''}><summary>${t('clips.edit', { n: product.clips.length })}</summary>
${product.clips.map((clip) => renderClipForm(spec.id, sku, index, clip, t, form?.clip === clip.index ? form : undefined, options.base))}
</details>` : ''}
</article>`;
}

/** The progress of the product's re-render; clips.js updates it from `render` events. */
function renderState(id: string, render: ClipRenderState | undefined, t: Translate): SafeHtml {
  const state = render?.state;
  const waiting = state === 'running' && render!.waiting === true;
  return html`<div class="render-state${state ? ` render-${state}` : ''}${waiting ? ' render-waiting' : ''}" data-render="${id}" data-live="render clips" aria-live="polite">
${waiting ? html`<span class="render-text"><strong>${t('clips.waiting')}</strong> ${t('clips.waitingWhy')}</span>` : ''}
${state === 'running' && !waiting ? html`<progress max="1" value="${render!.fraction.toFixed(3)}"></progress> <span class="render-text">${t('clips.rendering')} ${Math.round(render!.fraction * 100)}%</span>` : ''}
${state === 'done' ? html`<span class="render-text">${t('clips.rendered')}</span>` : ''}
${state === 'failed' ? html`<span class="render-text error">${t('clips.renderFailed')}: ${render!.error ?? ''}</span>` : ''}
</div>`;
}

function shown(file: string, base: string): string {
  const rel = relative(base, file);
  return rel && !rel.startsWith('..') ? rel : file;
}
