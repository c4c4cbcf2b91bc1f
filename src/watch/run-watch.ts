// `promo watch`: every configured inbox watched, its jobs run by the job runner, until stopped.
// At start it finishes what a crash left half-done: jobs of a dead process go back to the queue,
// a move to done/ or failed/ that was recorded but not made is made, and files in a work folder
// that no job knows go back to their inbox to be taken again.
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { PromoConfig } from '../config/config-types.ts';
import { FileHasher } from '../cache/file-hasher.ts';
import { resolveEngine } from '../engine/resolve-engine.ts';
import { probeMedia } from '../media/probe-media.ts';
import type { JobRunner } from '../queue/job-runner.ts';
import { LocalJobRunner, type RunnerEvent } from '../queue/local-job-runner.ts';
import { JobStore } from '../store/job-store.ts';
import { openStateDb } from '../store/open-state-db.ts';
import { removeStaleTemps } from '../render/remove-stale-temps.ts';
import { PromoError } from '../util/promo-error.ts';
import { ensureInboxFolders, freeName, inboxFolders, moveNoClobber } from './inbox-folders.ts';
import { InboxWatcher } from './inbox-watcher.ts';
import { createWatchJobHandler } from './render-watch-job.ts';
import { holdSpec, type SpecHolder } from './spec-holder.ts';
import { pathExists } from '../util/path-exists.ts';

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
  const db = openStateDb(config.state);
  try {
    const store = new JobStore(db);
    const inboxes = config.watch.map((w) => w.inbox);
    for (const entry of config.watch) await ensureInboxFolders(inboxFolders(entry.inbox));
    await recover(store, inboxes, log);
    for (const file of await removeStaleTemps(config.out)) log(`removed an unfinished output of an interrupted run: ${relative(process.cwd(), file)}`);

    const hasher = new FileHasher();
    const runner: JobRunner = new LocalJobRunner({
      store,
      inboxes,
      concurrency: config.render.concurrency,
      onEvent: (event) => logRunnerEvent(event, log),
    });
    runner.start(createWatchJobHandler({ config, store, specs, log }));
    const watchers = config.watch.map((watch) => new InboxWatcher({
      watch,
      folders: inboxFolders(watch.inbox),
      spec: specs.get(watch.spec)!,
      store,
      runner,
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
          if (!watchers.some((w) => w.busy)) {
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
  } finally {
    db.close();
  }
}

/** Puts right what a crash or kill left half-done. */
async function recover(store: JobStore, inboxes: readonly string[], log: (line: string) => void): Promise<void> {
  for (const job of store.recoverAbandoned()) {
    log(`job #${job.id} (${job.fileName}) was interrupted by a crash; it runs again`);
  }
  for (const job of store.openJobs()) {
    if (!inboxes.includes(job.inbox)) continue;
    const workExists = job.workPath ? await pathExists(job.workPath) : false;
    if (workExists) continue;
    // The file left the work folder: a finished move whose job was not yet marked.
    if (job.finalPath && (await pathExists(job.finalPath))) {
      const done = job.finalPath.startsWith(inboxFolders(job.inbox).done);
      store.finish(job.id, done ? 'done' : 'failed', { error: done ? undefined : 'see the .error.txt note beside the file' });
      log(`job #${job.id} (${job.fileName}) had finished before the crash; marked ${done ? 'done' : 'failed'}`);
    } else {
      store.finish(job.id, 'failed', { error: `${job.fileName} disappeared from the work folder; drop it again` });
      log(`job #${job.id} (${job.fileName}): its file disappeared from the work folder; marked failed`);
    }
  }
  // Files claimed (moved into the work folder) just before a crash, before their job was written.
  for (const inbox of inboxes) {
    const { work } = inboxFolders(inbox);
    for (const name of await readdir(work).catch(() => [] as string[])) {
      const path = join(work, name);
      if (store.hasWorkPath(path)) continue;
      const original = name.replace(/^[0-9a-f]{12}-/, '');
      await moveNoClobber(path, await freeName(inbox, original));
      log(`${original}: was being taken when promo stopped; put back in ${relative(process.cwd(), inbox) || '.'} to be taken again`);
    }
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


