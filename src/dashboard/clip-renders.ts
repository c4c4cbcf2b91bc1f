// The re-renders the Clips page starts after a caption or in/out edit: one product of one spec,
// as `promo render --only <sku>` runs it: in this process through renderBatch (queue.backend
// local), or enqueued for the `promo worker`s (queue.backend bullmq, renderOnWorkers), whose
// reported progress is passed on. Its progress goes out as `render` events on the SSE stream and a
// `clip-<product key>` event when it ends, so the page swaps in the new video.
// One render per product at a time; a second edit meanwhile waits for the first to end.
// A worker job outlives the dashboard that enqueued it: closing stops following it (nothing is
// taken back: the spec is edited already, the render is what makes the videos match it), and a
// dashboard started again follows every product job still queued or running on the workers
// (followWorkerRenders), so the page shows it and its end again.
import type { PromoConfig } from '../config/config-types.ts';
import type { PromoSpec } from '../promo-spec/spec-types.ts';
import { followSpecRender } from '../queue/bullmq/follow-spec-render.ts';
import { renderOnWorkers, type WorkerOutcome } from '../queue/bullmq/render-on-workers.ts';
import { redisTarget } from '../queue/bullmq/redis-target.ts';
import type { Job } from '../queue/job-runner.ts';
import { renderWithKeptCache } from '../render/kept-cache/render-with-kept-cache.ts';
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
  /** On the workers, queued and not taken by any worker yet (none running, or all busy): the page says so, not 0 %. */
  waiting?: boolean;
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
  /** The dashboard's life: aborted when it closes (a worker job is then left to the workers, unfollowed). */
  signal: AbortSignal;
}

/** The render stopped being followed (the dashboard closes); the job goes on on the workers. */
const LEFT = Symbol('left to the workers');
type Progress = (fraction: number, stage: string, waiting?: boolean) => void;
const WAITING = 'waiting for a worker';

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
  return queueRender(id, options, (progress) => options.config.queue.backend === 'bullmq' ? renderProductOnWorkers(options, progress) : renderHere(options, progress));
}

/**
 * Follows each product job of `jobs` (queued or running on the workers) that no render here
 * stands for: one an earlier dashboard enqueued before it closed, or a `promo render` run's.
 */
export function followWorkerRenders(jobs: readonly Job[], options: Omit<StartClipRenderOptions, 'spec' | 'sku' | 'outDir'>): void {
  const { config } = options;
  if (config.queue.backend !== 'bullmq') return;
  for (const job of jobs) {
    // A spec-render job has no inbox; the reel is not re-rendered from this page.
    const sku = job.sku;
    if (job.inbox !== '' || !sku || sku === 'reel' || (job.state !== 'queued' && job.state !== 'running')) continue;
    const id = `${pathId(job.spec)}/${sku}`;
    if (running.has(id)) continue;
    const queued = job.state === 'queued';
    // Shown by the page being built now (the render's own state follows a tick later).
    renders.set(id, { id, sku, state: 'running', fraction: job.progress?.fraction ?? 0, stage: queued ? WAITING : 'starting', ...(queued ? { waiting: true } : {}), startedAt: options.now().toISOString() });
    void queueRender(id, { ...options, sku, specFile: job.spec }, async (progress) => {
      let fraction = job.progress?.fraction ?? 0;
      progress(fraction, queued ? WAITING : job.progress?.what ?? 'starting', queued);
      const outcome = await followSpecRender({
        redis: redisTarget(config.queue), prefix: config.queue.prefix ?? 'promo', jobId: job.id, signal: options.signal,
        onState: (now) => progress(fraction, now === 'waiting' ? WAITING : 'started on a worker', now === 'waiting'),
        onProgress: (reported) => progress(fraction = reported.fraction, `${reported.stage} (${reported.worker})`),
      });
      return options.signal.aborted ? LEFT : whyFailed(outcome);
    });
  }
}

function queueRender(id: string, options: Pick<StartClipRenderOptions, 'sku' | 'events' | 'now'> & { specFile?: string; spec?: PromoSpec }, execute: (progress: Progress) => Promise<string | undefined | typeof LEFT>): Promise<void> {
  const before = running.get(id) ?? Promise.resolve();
  const next = before.then(() => runRender(id, options, execute));
  running.set(id, next);
  void next.finally(() => {
    if (running.get(id) === next) running.delete(id);
  });
  return next;
}

async function runRender(id: string, options: Pick<StartClipRenderOptions, 'sku' | 'events' | 'now'> & { specFile?: string; spec?: PromoSpec }, execute: (progress: Progress) => Promise<string | undefined | typeof LEFT>): Promise<void> {
  const state: ClipRenderState = { id, sku: options.sku, state: 'running', fraction: 0, stage: 'starting', startedAt: options.now().toISOString() };
  renders.set(id, state);
  options.events.publish('render', state);
  const progress: Progress = (fraction, stage, waiting = false) => {
    state.fraction = Math.min(1, fraction);
    state.stage = stage;
    if (waiting) state.waiting = true;
    else delete state.waiting;
    options.events.publish('render', state);
  };
  try {
    const error = await execute(progress);
    // Closing: the job is the workers' now; the dashboard that starts next follows it.
    if (error === LEFT) return void renders.delete(id);
    state.state = error === undefined ? 'done' : 'failed';
    if (error !== undefined) state.error = error;
  } catch (error) {
    state.state = 'failed';
    state.error = (error as { describe?: (relativeTo?: string) => string }).describe?.(options.spec?.dir) ?? (error as Error).message;
  }
  state.fraction = state.state === 'done' ? 1 : state.fraction;
  delete state.waiting;
  state.endedAt = options.now().toISOString();
  options.events.publish('render', state);
  // The product's tiles region listens to its own event: other products' forms are left alone.
  options.events.publish(`clip-${productKey(options.spec?.file ?? options.specFile!, options.sku)}`, { state: state.state, at: state.endedAt });
}

/** Renders the product in this process (queue.backend local); resolves with why it failed, or undefined. */
async function renderHere(options: StartClipRenderOptions, progress: (fraction: number, stage: string) => void): Promise<string | undefined> {
  // Under the kept cache's mark, as promo render: a prune beside it leaves its kept files alone.
  const result = await renderWithKeptCache({ outDir: options.outDir, limits: options.config.cache }, () => renderBatch({
    spec: options.spec, config: options.config, outDir: options.outDir, only: [options.sku],
    // The watcher and the CLI sweep killed runs' temps; a page's edit need not.
    sweepStaleTemps: false,
    events: { onJobProgress: (_name, fraction, stage) => progress(fraction, stage) },
  }));
  const failed = result.jobs.find((job) => job.status === 'failed' || job.status === 'partial' || job.status === 'interrupted');
  return failed ? failed.error?.describe(options.spec.dir) ?? `${failed.name}: ${failed.status}` : undefined;
}

/**
 * Enqueues the product for the workers, as `promo render` does with queue.backend bullmq (the
 * workers load the edited spec from the shared folder); resolves with why it failed, or undefined.
 */
async function renderProductOnWorkers(options: StartClipRenderOptions, progress: Progress): Promise<string | undefined | typeof LEFT> {
  const { config } = options;
  // Queued by renderOnWorkers below: waiting until a worker takes it (or reports progress).
  let fraction = 0;
  progress(fraction, WAITING, true);
  const outcomes = await renderOnWorkers({
    redis: redisTarget(config.queue), prefix: config.queue.prefix ?? 'promo', spec: options.spec, out: options.outDir, only: [options.sku],
    // A closing dashboard stops following; the job stays queued or running for the workers.
    signal: options.signal, onAbort: 'leave',
    log: () => {},
    onActive: (name) => { if (name === options.sku) progress(fraction, 'started on a worker'); },
    onProgress: (_name, reported) => progress(fraction = reported.fraction, `${reported.stage} (${reported.worker})`),
  });
  if (outcomes === undefined && options.signal.aborted) return LEFT;
  return whyFailed(outcomes?.find((o) => o.sku === options.sku));
}

/** Why the product's job failed on the workers, or undefined when it rendered. */
function whyFailed(outcome: WorkerOutcome | undefined): string | undefined {
  if (!outcome) return 'the workers did not render it; see `promo jobs`';
  if (outcome.state === 'failed') return outcome.failedReason ?? 'failed on a worker; see `promo jobs`';
  return outcome.value?.status === 'partial' ? 'some presets were refused on the worker; see the product\'s failures below' : undefined;
}
