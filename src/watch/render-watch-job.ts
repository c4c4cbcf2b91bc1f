// Renders one job of a watched inbox: the matched product of the spec's current version, with the
// dropped file as its footage, into the configured output folder (the same layout and manifest as
// `promo render`). Then the original moves to done/ or failed/ (with a note).
import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import type { PromoConfig } from '../config/config-types.ts';
import { JobReleased, type Job, type JobContext, type JobHandler, type JobOutcome } from '../queue/job-runner.ts';
import { renderBatch } from '../render/render-batch.ts';
import { freeName, inboxFolders, moveNoClobber } from './inbox-folders.ts';
import type { SpecHolder } from './spec-holder.ts';
import { writeErrorNote } from './write-error-note.ts';

export interface WatchJobHandlerOptions {
  config: PromoConfig;
  /** The spec holder of each watched spec, by absolute path. */
  specs: ReadonlyMap<string, SpecHolder>;
  log: (line: string) => void;
}

/** How often a running job checks that its file has not changed since it was taken. */
const FILE_CHECK_MS = 1000;

/** Makes the handler the job runner calls for each job. */
export function createWatchJobHandler(options: WatchJobHandlerOptions): JobHandler {
  return async (job, context) => {
    const { signal } = context;
    const workPath = job.workPath!;
    const folders = inboxFolders(job.inbox);
    const now = await stat(workPath).catch(() => undefined);
    // The two early endings below leave no file to move: the job just fails.
    if (!now) {
      options.log(`${job.fileName}: job #${job.id} has no file any more (it left ${relative(job.inbox, folders.work)}); drop it again`);
      return { state: 'failed', outputs: [], error: `${job.fileName} is no longer in ${folders.work}; drop it again` };
    }
    if (now.size !== job.size || now.mtimeMs !== job.mtimeMs) {
      await moveNoClobber(workPath, await freeName(folders.inbox, job.fileName));
      options.log(`${job.fileName}: changed after it was taken; put back to wait until it is complete`);
      return { state: 'failed', outputs: [], error: 'the file changed after it was taken; it was put back in the inbox and is taken again once complete' };
    }
    const holder = options.specs.get(job.spec);
    const spec = holder ? await holder.current() : undefined;
    const product = spec?.products.find((p) => p.sku === job.sku);
    if (!spec || !product) {
      return finish(job, workPath, context, options, {
        state: 'failed',
        outputs: [],
        error: `${job.fileName} was matched to ${job.sku}, which is no longer in ${job.spec}; add the product back or rename the file, then drop it again`,
      });
    }

    // Abort the render if the file changes under it (a copy that paused longer than `settle`).
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    let changed = false;
    const watchdog = setInterval(async () => {
      if (await hasChanged(job, workPath)) {
        changed = true;
        controller.abort();
      }
    }, FILE_CHECK_MS);
    // Give the file back to the inbox: it is taken again (as a new job) once it has settled.
    const giveBack = async (): Promise<JobOutcome> => {
      await moveNoClobber(workPath, await freeName(folders.inbox, job.fileName));
      options.log(`${job.fileName}: changed while job #${job.id} was rendering; put back to wait until it is complete`);
      return { state: 'failed', outputs: [], error: 'the file changed while it was rendering; it was put back in the inbox and is taken again (as a new job) once complete' };
    };
    let outcome: JobOutcome;
    try {
      // `only` leaves the reel out; the spec keeps `reel` as it is, so the manifest knows the reel
      // (and a failure of it) still belongs to the spec.
      const jobSpec = {
        ...spec,
        products: spec.products.map((p) => (p.sku === product.sku ? { ...p, footage: workPath } : p)),
      };
      const result = await renderBatch({
        spec: jobSpec,
        config: options.config,
        outDir: options.config.out,
        only: [product.sku],
        concurrency: 1,
        signal: controller.signal,
        knownHashes: job.contentSha256 ? [{ file: workPath, sha256: job.contentSha256 }] : [],
        sweepStaleTemps: false,
      });
      const summary = result.jobs.find((j) => j.sku === product.sku);
      if (changed) return await giveBack();
      if (result.interrupted || !summary || summary.status === 'interrupted') throw new JobReleased('interrupted');
      const outputs = result.manifest.artifacts
        .filter((a) => a.sku === product.sku && a.spec === result.manifest.spec)
        .map((a) => `${options.config.out}/${a.path}`);
      outcome = summary.status === 'failed'
        ? { state: 'failed', outputs: [], error: summary.error?.describe(spec.dir) ?? 'the render failed' }
        : { state: 'done', outputs, error: summary.status === 'partial' ? summary.error?.describe(spec.dir) : undefined };
    } catch (error) {
      if (changed) return await giveBack();
      throw error;
    } finally {
      clearInterval(watchdog);
      signal.removeEventListener('abort', onAbort);
    }
    return finish(job, workPath, context, options, outcome);
  };
}

/** Moves the original to done/ or failed/ (recording where first, so a crash can finish the move). */
async function finish(job: Job, workPath: string, context: JobContext, options: WatchJobHandlerOptions, outcome: JobOutcome): Promise<JobOutcome> {
  const folders = inboxFolders(job.inbox);
  const failed = outcome.state === 'failed';
  const final = await freeName(failed ? folders.failed : folders.done, job.fileName, { note: failed });
  await context.recordFinalPath(final);
  if (failed) await writeErrorNote(final, job.fileName, outcome.error ?? 'failed');
  await moveNoClobber(workPath, final);
  const outputs = outcome.outputs.map((o) => relative(process.cwd(), o) || o);
  options.log(outcome.state === 'done'
    ? `${job.fileName}: job #${job.id} done → ${outputs.join(', ')}; original in ${relative(job.inbox, final)}`
    : `${job.fileName}: job #${job.id} failed: ${outcome.error} → ${relative(job.inbox, final)}`);
  return outcome;
}

async function hasChanged(job: Job, workPath: string): Promise<boolean> {
  const info = await stat(workPath).catch(() => undefined);
  return !info || info.size !== job.size || info.mtimeMs !== job.mtimeMs;
}
