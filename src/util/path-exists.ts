// Whether a path exists (anything: file, folder, link target).
import { stat } from 'node:fs/promises';

/** True when `path` can be stat'ed. */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
