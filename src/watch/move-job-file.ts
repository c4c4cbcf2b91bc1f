// Moves the file of an ended job out of its inbox's work folder: back into the inbox when it
// changed since it was taken (a copy resumed after a long pause: it is taken again once complete),
// to failed/ with its note when the job failed, otherwise (done, duplicate) to done/. This is the
// watcher's side of every job end, whatever runner ran it and wherever; never deleted.
import { stat } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import type { Job } from '../queue/job-runner.ts';
import type { InboxFileStore } from '../store/inbox-file-store.ts';
import { pathExists } from '../util/path-exists.ts';
import { freeName, inboxFolders, moveNoClobber, NOTE_SUFFIX } from './inbox-folders.ts';
import { writeErrorNote } from './write-error-note.ts';

/** Moves ended `job`'s file, recording where first; a no-op when it already left the work folder. */
export async function moveJobFile(job: Job, files: InboxFileStore, log: (line: string) => void): Promise<void> {
  const file = files.get(job.id);
  if (!file || file.movedAt !== undefined) return;
  const info = await stat(file.workPath).catch(() => undefined);
  if (!info) {
    files.setMoved(job.id);
    return;
  }
  const folders = inboxFolders(file.inbox);
  const changed = info.size !== job.size || info.mtimeMs !== job.mtimeMs;
  const failed = !changed && job.state === 'failed';
  const dir = changed ? folders.inbox : failed ? folders.failed : folders.done;
  // A place recorded before a crash is used when still free, so the file lands where the log said.
  const recorded = file.finalPath !== undefined && dirname(file.finalPath) === dir
    && !(await pathExists(file.finalPath)) && !(failed && (await pathExists(`${file.finalPath}${NOTE_SUFFIX}`)));
  const final = recorded ? file.finalPath! : await freeName(dir, file.fileName, { note: failed });
  files.setFinalPath(job.id, final);
  if (failed) await writeErrorNote(final, file.fileName, `${file.fileName}: ${job.error ?? 'promo could not finish this job; drop the file again'}`);
  await moveNoClobber(file.workPath, final);
  files.setMoved(job.id);
  const where = relative(file.inbox, final);
  const outputs = job.outputs.map((o) => relative(process.cwd(), o) || o);
  log(changed ? `${file.fileName}: changed after job #${job.id} took it; put back to wait until it is complete`
    : failed ? `${file.fileName}: job #${job.id} failed: ${job.error} → ${where}`
      : job.state === 'done' ? `${file.fileName}: job #${job.id} done → ${outputs.join(', ')}; original in ${where}`
        : `${file.fileName}: job #${job.id} (${job.state}${job.error ? `: ${job.error}` : ''}) → ${where}`);
}
