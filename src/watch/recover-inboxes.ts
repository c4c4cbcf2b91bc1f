// Puts right what a crash or kill left half-done, before any file is taken: jobs of a dead worker
// go back to the queue (the runner's part); then the watcher's own part, from its InboxFileStore:
// files of ended jobs still in a work folder are moved out (a move recorded but not made is made
// to the recorded place), open jobs whose file disappeared are ended, and files in a work folder
// that no job knows go back to their inbox to be taken again.
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { JobRunner } from '../queue/job-runner.ts';
import type { InboxFileStore } from '../store/inbox-file-store.ts';
import { pathExists } from '../util/path-exists.ts';
import { freeName, inboxFolders, moveNoClobber } from './inbox-folders.ts';
import { moveJobFile } from './move-job-file.ts';

/** Recovers `inboxes`, whose jobs `runner` keeps. */
export async function recoverInboxes(runner: JobRunner, files: InboxFileStore, inboxes: readonly string[], log: (line: string) => void): Promise<void> {
  for (const job of await runner.recover()) {
    log(`job #${job.id} (${job.fileName}) was interrupted by a crash; it runs again`);
  }
  // An open job whose file was not recorded yet (promo stopped between queueing and recording it).
  for (const job of await runner.list({ states: ['queued', 'running'], limit: 100_000 })) {
    if (job.footage && inboxes.includes(job.inbox)) files.add({ jobId: job.id, inbox: job.inbox, fileName: job.fileName, workPath: job.footage });
  }
  const known = new Set<string>();
  for (const file of files.inWork(inboxes)) {
    const job = await runner.get(file.jobId);
    const present = await pathExists(file.workPath);
    if (job && (job.state === 'queued' || job.state === 'running')) {
      if (present) {
        known.add(file.workPath);
        continue;
      }
      // A move made before the crash whose job was not marked yet (an older promo moved first).
      const moved = file.finalPath !== undefined && (await pathExists(file.finalPath));
      const done = moved && file.finalPath!.startsWith(inboxFolders(file.inbox).done);
      await runner.end(job.id, done ? 'done' : 'failed', done ? undefined : moved ? 'see the .error.txt note beside the file' : `${file.fileName} disappeared from the work folder; drop it again`);
      files.setMoved(job.id);
      log(moved ? `job #${job.id} (${file.fileName}) had finished before the crash; marked ${done ? 'done' : 'failed'}`
        : `job #${job.id} (${file.fileName}): its file disappeared from the work folder; marked failed`);
      continue;
    }
    if (!job) {
      files.setMoved(file.jobId); // the runner forgot the job: the scan below gives the file back
      continue;
    }
    try {
      await moveJobFile(job, files, log);
    } catch (error) {
      known.add(file.workPath);
      log(`${file.fileName}: job #${job.id} ended but its file could not be moved out of ${relative(process.cwd(), file.workPath) || '.'}: ${(error as Error).message}; promo tries again at the next start`);
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
