// The re-renders the Clips page starts after a caption or in/out edit: one product of one spec,
// as `promo render --only <sku>` runs it: in this process through renderBatch (queue.backend
// local), or enqueued for the `promo worker`s (queue.backend bullmq, renderOnWorkers), whose
// reported progress is passed on. Its progress goes out as `render` events on the SSE stream and a
// `clip-<product key>` event when it ends, so the page swaps in the new video.
// One render per product at a time; a second edit meanwhile waits for the first to end.
import type { PromoConfig } from '../config/config-types.ts';
import type { PromoSpec } from '../promo-spec/spec-types.ts';
import { renderOnWorkers } from '../queue/bullmq/render-on-workers.ts';
import { redisTarget } from '../queue/bullmq/redis-target.ts';
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
  const progress = (fraction: number, stage: string) => {
    state.fraction = Math.min(1, fraction);
    state.stage = stage;
    options.events.publish('render', state);
  };
  try {
    const error = options.config.queue.backend === 'bullmq' ? await renderProductOnWorkers(options, progress) : await renderHere(options, progress);
    state.state = error === undefined ? 'done' : 'failed';
    if (error !== undefined) state.error = error;
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

/** Renders the product in this process (queue.backend local); resolves with why it failed, or undefined. */
async function renderHere(options: StartClipRenderOptions, progress: (fraction: number, stage: string) => void): Promise<string | undefined> {
  const result = await renderBatch({
    spec: options.spec, config: options.config, outDir: options.outDir, only: [options.sku],
    // The watcher and the CLI sweep killed runs' temps; a page's edit need not.
    sweepStaleTemps: false,
    events: { onJobProgress: (_name, fraction, stage) => progress(fraction, stage) },
  });
  const failed = result.jobs.find((job) => job.status === 'failed' || job.status === 'partial' || job.status === 'interrupted');
  return failed ? failed.error?.describe(options.spec.dir) ?? `${failed.name}: ${failed.status}` : undefined;
}

/**
 * Enqueues the product for the workers, as `promo render` does with queue.backend bullmq (the
 * workers load the edited spec from the shared folder); resolves with why it failed, or undefined.
 */
async function renderProductOnWorkers(options: StartClipRenderOptions, progress: (fraction: number, stage: string) => void): Promise<string | undefined> {
  const { config } = options;
  const outcomes = await renderOnWorkers({
    redis: redisTarget(config.queue), prefix: config.queue.prefix ?? 'promo', spec: options.spec, out: options.outDir, only: [options.sku],
    // Runs until the workers end it: a page's edit is not taken back when the page is closed.
    signal: new AbortController().signal,
    log: () => {},
    onProgress: (_name, reported) => progress(reported.fraction, `${reported.stage} (${reported.worker})`),
  });
  const outcome = outcomes?.find((o) => o.sku === options.sku);
  if (!outcome) return 'the workers did not render it; see `promo jobs`';
  if (outcome.state === 'failed') return outcome.failedReason ?? 'failed on a worker; see `promo jobs`';
  return outcome.value?.status === 'partial' ? 'some presets were refused on the worker; see the product\'s failures below' : undefined;
}
