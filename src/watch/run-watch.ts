// `promo watch`: every configured inbox watched, its jobs run by the job runner, until stopped.
// At start it finishes what a crash left half-done (recoverInboxes). The runner comes from
// createJobRunner (`queue.backend`); the inbox bookkeeping (where each taken file is and goes,
// which files are waiting) is the watcher's own, in the state database beside it.
import { relative } from 'node:path';
import type { PromoConfig } from '../config/config-types.ts';
import { FileHasher } from '../cache/file-hasher.ts';
import { resolveEngine } from '../engine/resolve-engine.ts';
import { probeMedia } from '../media/probe-media.ts';
import { createJobRunner } from '../queue/create-job-runner.ts';
import type { Job, JobRunner, RunnerEvent } from '../queue/job-runner.ts';
import { removeStaleTemps } from '../render/remove-stale-temps.ts';
import { InboxFileStore } from '../store/inbox-file-store.ts';
import { openStateDb } from '../store/open-state-db.ts';
import { WaitingFileStore } from '../store/waiting-file-store.ts';
import { PromoError } from '../util/promo-error.ts';
import { ensureInboxFolders, inboxFolders } from './inbox-folders.ts';
import { InboxWatcher } from './inbox-watcher.ts';
import { moveJobFile } from './move-job-file.ts';
import { recoverInboxes } from './recover-inboxes.ts';
import { LONG_RUN_PRUNE_INTERVAL_MS, PrunePacer } from '../render/kept-cache/prune-pacer.ts';
import { createWatchJobHandler } from './render-watch-job.ts';
import { holdSpec, type SpecHolder } from './spec-holder.ts';

export interface RunWatchOptions {
  config: PromoConfig;
  signal: AbortSignal;
  log: (line: string) => void;
  /** Exit once every file present has been handled and no job is left (for scripts and tests). */
  once?: boolean;
}

/** Watches until `signal` aborts (or, with `once`, until idle). */
export async function runWatch(options: RunWatchOptions): Promise<void> {
  const { config, log } = options;
  if (config.watch.length === 0) {
    throw new PromoError('CONFIG_INVALID', `no inbox to watch: ${config.file ?? 'the configuration'} has no \`watch:\` section`, {
      hint: 'add `watch: [{ inbox: inbox/tea-stream, spec: specs/tea.yaml, settle: 5s }]` to config.yaml',
    });
  }
  const engine = await resolveEngine(config.engine);
  const specs = new Map<string, SpecHolder>();
  for (const entry of config.watch) {
    if (specs.has(entry.spec)) continue;
    try {
      specs.set(entry.spec, await holdSpec(entry.spec, { timezone: config.timezone, onReport: log }));
    } catch (error) {
      throw new PromoError('SPEC_INVALID', (error as Error).message, { hint: 'fix the spec, then start promo watch again' });
    }
  }
  const inboxes = config.watch.map((w) => w.inbox);
  const db = openStateDb(config.state);
  const files = new InboxFileStore(db);
  const waiting = new WaitingFileStore(db);
  // Every end of a job moves its file out of the work folder; a move that fails is retried by the
  // next start's recovery (the file stays recorded as in the work folder).
  const moving = new Set<Promise<void>>();
  const moveOut = (job: Job) => {
    const move = moveJobFile(job, files, log)
      .catch((error: unknown) => log(`${job.fileName}: job #${job.id} ended but its file could not be moved out of the work folder: ${(error as Error).message}; promo tries again at the next start`))
      .finally(() => moving.delete(move));
    moving.add(move);
  };
  let runner: JobRunner;
  try {
    runner = createJobRunner(config, {
      inboxes,
      onEvent: (event) => {
        logRunnerEvent(event, log);
        if (event.type === 'finished' || event.type === 'crashed') moveOut(event.job);
      },
      onError: (message) => log(`queue: ${message} (retrying)`),
    });
  } catch (error) {
    db.close();
    throw error;
  }
  try {
    for (const entry of config.watch) await ensureInboxFolders(inboxFolders(entry.inbox));
    await recoverInboxes(runner, files, inboxes, log);
    for (const file of await removeStaleTemps(config.out)) log(`removed an unfinished output of an interrupted run: ${relative(process.cwd(), file)}`);

    const hasher = new FileHasher();
    // With a BullMQ queue, `promo worker`s render (on this machine or others); this process only
    // enqueues and moves files when the queue's events say a job ended.
    // One prune of the output folder per minute at most, however many files come in at once.
    const pacer = new PrunePacer(LONG_RUN_PRUNE_INTERVAL_MS);
    if (config.queue.backend === 'local') runner.start(createWatchJobHandler({ config, specs, log, pacer }));
    else log('jobs go to the BullMQ queue; `promo worker` processes render them');
    const watchers = config.watch.map((watch) => new InboxWatcher({
      watch,
      folders: inboxFolders(watch.inbox),
      spec: specs.get(watch.spec)!,
      runner,
      files,
      waiting,
      hashFile: (file) => hasher.hash(file),
      probe: (file) => probeMedia(file, { ffprobe: engine.ffprobe, kind: 'video' }),
      log,
    }));
    for (const watcher of watchers) await watcher.start();
    log(`watching ${config.watch.map((w) => `${relative(process.cwd(), w.inbox) || '.'} (settle ${w.settle} s)`).join(', ')}; outputs in ${relative(process.cwd(), config.out) || '.'}`);

    await new Promise<void>((resolve) => {
      if (options.signal.aborted) return resolve();
      options.signal.addEventListener('abort', () => resolve(), { once: true });
      if (options.once) {
        const check = setInterval(async () => {
          if (watchers.some((w) => w.busy)) return;
          await runner.idle();
          await Promise.all(moving);
          if (!watchers.some((w) => w.busy) && moving.size === 0) {
            clearInterval(check);
            resolve();
          }
        }, 250);
        options.signal.addEventListener('abort', () => clearInterval(check), { once: true });
      }
    });
    log('stopping: no new files are taken; running jobs are put back and resume on the next start');
    for (const watcher of watchers) await watcher.stop();
    await runner.stop();
    await Promise.all(moving);
    await pacer.flush(); // a prune put off by the last jobs runs now
  } finally {
    await runner.close();
    db.close();
  }
}

function logRunnerEvent(event: RunnerEvent, log: (line: string) => void): void {
  switch (event.type) {
    case 'started':
      log(`${event.job.fileName}: job #${event.job.id} rendering ${event.job.sku}${event.job.attempts > 1 ? ` (attempt ${event.job.attempts})` : ''}`);
      break;
    case 'released':
      log(`${event.job.fileName}: job #${event.job.id} put back (${event.reason})`);
      break;
    case 'crashed':
      log(`${event.job.fileName}: job #${event.job.id} failed unexpectedly: ${(event.error as Error)?.stack ?? String(event.error)}`);
      break;
    case 'finished':
      break; // the handler logs where the file went
  }
}


