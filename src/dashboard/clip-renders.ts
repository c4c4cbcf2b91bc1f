// The re-renders the Clips page starts after a caption or in/out edit: one product of one spec,
// through renderBatch (what `promo render --only <sku>` runs), with its progress sent as `render`
// events on the SSE stream and a `clip-<product key>` event when it ends, so the page swaps in
// the new video.
// One render per product at a time; a second edit meanwhile waits for the first to end.
import type { PromoConfig } from '../config/config-types.ts';
import type { PromoSpec } from '../promo-spec/spec-types.ts';
import { renderBatch } from '../render/render-batch.ts';
import type { EventHub } from './event-hub.ts';
import { pathId } from './path-id.ts';
import { productKey } from './product-key.ts';

export interface ClipRenderState {
  /** `<spec id>/<sku>`: what the page's progress element is named by. */
  id: string;
  sku: string;
  state: 'running' | 'done' | 'failed';
  /** 0..1 over the product's presets. */
  fraction: number;
  stage: string;
  /** Why it failed (spec location and hint included), when it did. */
  error?: string;
  startedAt: string;
  endedAt?: string;
}

export interface StartClipRenderOptions {
  spec: PromoSpec;
  sku: string;
  config: PromoConfig;
  /** The output folder that holds the product's artifacts. */
  outDir: string;
  events: EventHub;
  now: () => Date;
}

// Kept per process: a page opened after an edit still shows the render it started.
const renders = new Map<string, ClipRenderState>();
const running = new Map<string, Promise<void>>();

/** The render of `sku` of the spec `specFile`, running or the last one ended. */
export function clipRenderOf(specFile: string, sku: string): ClipRenderState | undefined {
  return renders.get(`${pathId(specFile)}/${sku}`);
}

/** Starts re-rendering product `sku` (after the one running for it, if any); resolves when it has ended. */
export function startClipRender(options: StartClipRenderOptions): Promise<void> {
  const id = `${pathId(options.spec.file)}/${options.sku}`;
  const before = running.get(id) ?? Promise.resolve();
  const next = before.then(() => runRender(id, options));
  running.set(id, next);
  void next.finally(() => {
    if (running.get(id) === next) running.delete(id);
  });
  return next;
}

async function runRender(id: string, options: StartClipRenderOptions): Promise<void> {
  const state: ClipRenderState = { id, sku: options.sku, state: 'running', fraction: 0, stage: 'starting', startedAt: options.now().toISOString() };
  renders.set(id, state);
  options.events.publish('render', state);
  try {
    const result = await renderBatch({
      spec: options.spec, config: options.config, outDir: options.outDir, only: [options.sku],
      // The watcher and the CLI sweep killed runs' temps; a page's edit need not.
      sweepStaleTemps: false,
      events: {
        onJobProgress: (_name, fraction, stage) => {
          state.fraction = Math.min(1, fraction);
          state.stage = stage;
          options.events.publish('render', state);
        },
      },
    });
    const failed = result.jobs.find((job) => job.status === 'failed' || job.status === 'partial' || job.status === 'interrupted');
    state.state = failed ? 'failed' : 'done';
    if (failed) state.error = failed.error?.describe(options.spec.dir) ?? `${failed.name}: ${failed.status}`;
  } catch (error) {
    state.state = 'failed';
    state.error = (error as { describe?: (relativeTo?: string) => string }).describe?.(options.spec.dir) ?? (error as Error).message;
  }
  state.fraction = state.state === 'done' ? 1 : state.fraction;
  state.endedAt = options.now().toISOString();
  options.events.publish('render', state);
  // The product's tiles region listens to its own event: other products' forms are left alone.
  options.events.publish(`clip-${productKey(options.spec.file, options.sku)}`, { state: state.state, at: state.endedAt });
}
