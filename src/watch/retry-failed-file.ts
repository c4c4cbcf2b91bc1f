// "Retry" of a file in an inbox's failed/ folder, once its cause is fixed (the spec corrected, the
// product added): the file is moved back into the inbox under a free name, exactly as a person
// dropping it again, so the watcher takes it through its usual checks and a new job. Its note is
// removed with it (it described the failure of that copy); the footage itself is never deleted.
import { rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { PromoError } from '../util/promo-error.ts';
import { pathExists } from '../util/path-exists.ts';
import { freeName, inboxFolders, moveNoClobber, NOTE_SUFFIX } from './inbox-folders.ts';

/** Moves `failedFile` (a file in `inbox`'s failed/) back into `inbox`; returns its new path. */
export async function retryFailedFile(inbox: string, failedFile: string): Promise<string> {
  const folders = inboxFolders(inbox);
  if (dirname(failedFile) !== folders.failed) throw new PromoError('USAGE', `${basename(failedFile)} is not in ${folders.failed}`);
  if (!(await pathExists(failedFile))) throw new PromoError('USAGE', `${basename(failedFile)} is no longer in failed/ (retried or moved already)`);
  const target = await freeName(folders.inbox, basename(failedFile));
  await moveNoClobber(failedFile, target);
  await rm(`${failedFile}${NOTE_SUFFIX}`, { force: true });
  return target;
}
