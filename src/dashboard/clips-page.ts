// The Clips page: every rendered video and cover by spec, product and preset (from the
// manifests, through the read model), with failures, and in-place clip edits. An edit goes
// through editClip (written into the spec YAML, validated as `promo validate` does, atomically),
// then the product is re-rendered (startClipRender: here, or on the `promo worker`s with
// queue.backend bullmq), its progress on the SSE stream.
import { stat } from 'node:fs/promises';
import { loadSpec, type LoadSpecResult } from '../promo-spec/load-spec.ts';
import { editClip, type ClipChanges } from '../promo-spec/edit-clip.ts';
import type { ClipSpec } from '../promo-spec/spec-types.ts';
import { buildClipsView, type ClipsView, type SpecClips } from './build-clips-view.ts';
import { checkClipMedia } from './check-clip-media.ts';
import { clipRenderOf, followWorkerRenders, startClipRender } from './clip-renders.ts';
import { clipsMessages } from './clips-messages.ts';
import type { StateReader } from '../read/state-reader.ts';
import type { DashboardPage, DashboardReply, PageStartContext, RouteContext } from './dashboard-types.ts';
import { html } from './html.ts';
import type { ClipFormState } from './render-clip-form.ts';
import { productKey } from './product-key.ts';
import { renderClips, renderProductTiles } from './render-clips.ts';

/** The Clips view as of now (manifests read again; each spec again when its file changed). */
export async function readClipsView(ctx: Pick<RouteContext, 'read' | 'config'>): Promise<ClipsView> {
  const folders = await ctx.read((reader) => reader.artifacts());
  return buildClipsView(folders, (file) => loadSpecCached(file, ctx.config.timezone));
}

// Loading a spec of a few hundred products takes longer than the rest of the page: it is loaded
// again only when its size or mtime changed (an edit, here or in an editor, changes both or one).
const specs = new Map<string, { mark: string; result: Promise<LoadSpecResult> }>();

async function loadSpecCached(file: string, timezone: string): Promise<LoadSpecResult> {
  const info = await stat(file).catch(() => undefined);
  const mark = info ? `${info.size}:${info.mtimeMs}:${info.ctimeMs}:${timezone}` : '';
  const cached = specs.get(file);
  if (info && cached?.mark === mark) return cached.result;
  const result = loadSpec(file, { timezone });
  if (info) specs.set(file, { mark, result });
  return result;
}

/**
 * Follows the re-renders on the workers that no render here follows: at start-up (enqueued before
 * a restart), and again as the page is built (enqueued since, by `promo render`), so they show.
 */
async function followOpenWorkerRenders(ctx: PageStartContext): Promise<void> {
  if (ctx.config.queue.backend !== 'bullmq') return;
  followWorkerRenders(await ctx.read((reader) => reader.jobs({ states: ['queued', 'running'] })), { config: ctx.config, events: ctx.events, now: ctx.now, signal: ctx.closing });
}

async function showClips(ctx: RouteContext, view: ClipsView, form?: ClipFormState): Promise<DashboardReply> {
  await followOpenWorkerRenders(ctx);
  const body = renderClips(view, { t: ctx.t, base: ctx.config.dir, renderOf: clipRenderOf, form });
  return ctx.page({
    title: ctx.t('clips.title'), active: '/clips', scripts: ['clips.js'], status: form ? 422 : undefined,
    body: form ? html`<p class="notice error" role="alert">${ctx.t('clips.refused')}</p>${body}` : body,
  });
}

function notFound(): DashboardReply {
  return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'no such spec, product or clip here (it may have been renamed): reload the Clips page\n' };
}

/** The spec and product a request names by id and SKU, only among those the view lists. */
function findProduct(view: ClipsView, specId: string, sku: string): { spec: SpecClips; index: number } | undefined {
  const spec = view.specs.find((s) => s.id === specId);
  const index = spec?.spec?.products.findIndex((p) => p.sku === sku) ?? -1;
  return spec && index >= 0 ? { spec, index } : undefined;
}

/** The fields the form changed: a field typed as it already is, or left empty where the spec has none, is no change. */
function changesOf(form: URLSearchParams, clip: ClipSpec): ClipChanges {
  const changes: ClipChanges = {};
  const caption = form.get('caption');
  if (caption !== null && !clip.captions && caption !== (clip.caption ?? '')) changes.caption = caption.replace(/\r\n/g, '\n');
  for (const field of ['in', 'out'] as const) {
    const typed = form.get(field)?.trim();
    if (typed === undefined || (typed === '' && clip[field] === undefined)) continue;
    if (typed !== (clip[field] === undefined ? '' : String(clip[field]))) changes[field] = typed;
  }
  return changes;
}

/**
 * Which products' artifacts or failures changed since the last pass: a render by `promo render`,
 * the watcher or a worker shows on an open Clips page without a reload (clips.js swaps in the
 * tiles of those products only, so forms being typed in are left alone).
 */
function changedProducts(): (reader: StateReader) => Promise<unknown> {
  let last: Map<string, string> | undefined;
  return async (reader) => {
    const marks = new Map<string, string>();
    const add = (key: string, text: string) => marks.set(key, `${marks.get(key) ?? ''}|${text}`);
    for (const folder of await reader.artifacts()) {
      for (const artifact of folder.artifacts) add(productKey(artifact.specFile, artifact.sku), `${artifact.sha256}:${artifact.exists}`);
      for (const failure of folder.failures) add(productKey(failure.specFile, failure.sku), `${failure.code}:${failure.message}`);
    }
    const before = last;
    last = marks;
    if (!before) return undefined;
    const changed = [...new Set([...marks.keys(), ...before.keys()])].filter((key) => marks.get(key) !== before.get(key));
    return changed.length > 0 ? { changed } : undefined;
  };
}

export const clipsPage: DashboardPage = {
  nav: { path: '/clips', label: 'nav.clips' },
  messages: clipsMessages,
  routes: [
    { method: 'GET', path: '/clips', handle: async (ctx) => showClips(ctx, await readClipsView(ctx)) },
    {
      method: 'GET',
      path: '/parts/clips/:spec/:sku',
      async handle(ctx) {
        const view = await readClipsView(ctx);
        const spec = view.specs.find((s) => s.id === ctx.params.spec);
        const sku = ctx.params.sku === 'reel' ? null : ctx.params.sku!;
        const product = spec?.products.find((p) => p.sku === sku);
        if (!spec || !product) return notFound();
        return { html: renderProductTiles(spec, product, ctx.t) };
      },
    },
    {
      method: 'POST',
      path: '/clips/:spec/:sku/:clip',
      async handle(ctx) {
        const form = await ctx.form();
        const view = await readClipsView(ctx);
        const found = findProduct(view, ctx.params.spec!, ctx.params.sku!);
        const clipIndex = /^\d{1,4}$/.test(ctx.params.clip!) ? Number(ctx.params.clip) : -1;
        const clip = found?.spec.spec!.products[found.index]!.clips[clipIndex];
        if (!found || !clip) return notFound();
        const { spec } = found;
        const sku = ctx.params.sku!;
        const changes = changesOf(form, clip);
        const anchor = `/clips#p-${productKey(spec.file, sku)}`;
        if (Object.keys(changes).length === 0) return { redirect: anchor };
        const result = await editClip({
          file: spec.file, sku, clip: clipIndex, changes, timezone: ctx.config.timezone,
          check: (edited) => checkClipMedia(edited, sku, ctx.config),
        });
        if (!result.ok) {
          const values = { caption: form.get('caption') ?? undefined, in: form.get('in') ?? undefined, out: form.get('out') ?? undefined };
          return showClips(ctx, view, { specId: spec.id, sku, clip: clipIndex, values, issues: result.issues });
        }
        if (result.changed) {
          void startClipRender({ spec: result.spec, sku, config: ctx.config, outDir: spec.outDir, events: ctx.events, now: ctx.now, signal: ctx.closing });
        }
        return { redirect: anchor };
      },
    },
  ],
  feeds: [{ event: 'clips', start: changedProducts }],
  start: followOpenWorkerRenders,
};
