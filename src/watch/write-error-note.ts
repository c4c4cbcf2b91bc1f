// The note beside a file in failed/: what went wrong and what to do, for a person who never opens
// a terminal.
import { writeAtomic } from '../util/write-atomic.ts';
import { NOTE_SUFFIX } from './inbox-folders.ts';

/** Writes `<final>.error.txt` about the file dropped as `fileName` (never over an existing file). */
export async function writeErrorNote(final: string, fileName: string, message: string): Promise<void> {
  const text = `${fileName}\n\n${message}\n\n(promo, ${new Date().toISOString()}. Fix the problem, then drop the file into the inbox again; this copy is kept here.)\n`;
  await writeAtomic(`${final}${NOTE_SUFFIX}`, text, { exclusive: true });
}
