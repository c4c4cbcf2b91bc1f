// Puts right what a crash or kill left half-done, before any file is taken: jobs of a dead process
// go back to the queue, a move to done/ or failed/ that was recorded but not made is made, files
// of ended jobs left in a work folder are moved out, and files in a work folder that no job knows
// go back to their inbox to be taken again. Only the job runner is asked about jobs.
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { JobRunner } from '../queue/job-runner.ts';
import { pathExists } from '../util/path-exists.ts';
import { freeName, inboxFolders, moveNoClobber } from './inbox-folders.ts';
import { moveStrandedFile } from './move-stranded-file.ts';

/** Recovers the inboxes `runner` takes jobs from. */
export async function recoverInboxes(runner: JobRunner, inboxes: readonly string[], log: (line: string) => void): Promise<void> {
  const { requeued, open, stranded } = await runner.recover();
  for (const job of requeued) {
    log(`job #${job.id} (${job.fileName}) was interrupted by a crash; it runs again`);
  }
  const known = new Set([...open, ...stranded].flatMap((job) => (job.workPath ? [job.workPath] : [])));
  for (const job of open) {
    const workExists = job.workPath ? await pathExists(job.workPath) : false;
    if (workExists) continue;
    // The file left the work folder: a finished move whose job was not yet marked.
    if (job.finalPath && (await pathExists(job.finalPath))) {
      const done = job.finalPath.startsWith(inboxFolders(job.inbox).done);
      await runner.end(job.id, done ? 'done' : 'failed', done ? undefined : 'see the .error.txt note beside the file');
      log(`job #${job.id} (${job.fileName}) had finished before the crash; marked ${done ? 'done' : 'failed'}`);
    } else {
      await runner.end(job.id, 'failed', `${job.fileName} disappeared from the work folder; drop it again`);
      log(`job #${job.id} (${job.fileName}): its file disappeared from the work folder; marked failed`);
    }
  }
  for (const job of stranded) {
    try {
      await moveStrandedFile(job, runner, log);
    } catch (error) {
      log(`${job.fileName}: job #${job.id} ended but its file could not be moved out of ${relative(process.cwd(), job.workPath ?? '') || '.'}: ${(error as Error).message}; promo tries again at the next start`);
    }
  }
  // Files claimed (moved into the work folder) just before a crash, before their job was written.
  for (const inbox of inboxes) {
    const { work } = inboxFolders(inbox);
    for (const name of await readdir(work).catch(() => [] as string[])) {
      const path = join(work, name);
      if (known.has(path)) continue;
      const original = name.replace(/^[0-9a-f]{12}-/, '');
      await moveNoClobber(path, await freeName(inbox, original));
      log(`${original}: was being taken when promo stopped; put back in ${relative(process.cwd(), inbox) || '.'} to be taken again`);
    }
  }
}
