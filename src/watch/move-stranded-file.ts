// Moves the file of a job that ended without its handler finishing it (an unexpected error, a
// worker that died too often, a crash between recording a duplicate and moving it) out of the
// work folder: a failed job's file to failed/ with its note, any other to done/. Never deleted.
import { dirname, relative } from 'node:path';
import type { Job, JobRunner } from '../queue/job-runner.ts';
import { pathExists } from '../util/path-exists.ts';
import { freeName, inboxFolders, moveNoClobber, NOTE_SUFFIX } from './inbox-folders.ts';
import { writeErrorNote } from './write-error-note.ts';

/** Moves `job`'s file from its work path, recording where first; a no-op when it already left. */
export async function moveStrandedFile(job: Job, runner: JobRunner, log: (line: string) => void): Promise<void> {
  if (!job.workPath || !(await pathExists(job.workPath))) {
    await runner.recordFileMoved(job.id);
    return;
  }
  const folders = inboxFolders(job.inbox);
  const failed = job.state === 'failed';
  const dir = failed ? folders.failed : folders.done;
  // A place recorded before a crash is used when still free, so the file lands where the log said.
  const recorded = job.finalPath !== undefined && dirname(job.finalPath) === dir
    && !(await pathExists(job.finalPath)) && !(failed && (await pathExists(`${job.finalPath}${NOTE_SUFFIX}`)));
  const final = recorded ? job.finalPath! : await freeName(dir, job.fileName, { note: failed });
  await runner.recordFinalPath(job.id, final);
  if (failed) await writeErrorNote(final, job.fileName, `${job.fileName}: ${job.error ?? 'promo could not finish this job; drop the file again'}`);
  await moveNoClobber(job.workPath, final);
  await runner.recordFileMoved(job.id);
  log(failed
    ? `${job.fileName}: job #${job.id} failed: ${job.error} → ${relative(job.inbox, final)}`
    : `${job.fileName}: job #${job.id} (${job.state}): its file was moved out of the work folder → ${relative(job.inbox, final)}`);
}
