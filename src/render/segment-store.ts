// Where video segments are kept between renders, by content key: `<out>/.promo/segments/`, one
// MP4 per segment named `<owner>-<key>.mp4`, where the owner stands for one output (job and
// preset); beside them the output's encoded audio (`.m4a`) and its cover frame (`.png`). Segments are written in the run's work folder and renamed in only when complete and
// checked, so a final name never holds half a segment; an output's segments that its latest
// render no longer uses are removed when it is rendered again.
import { copyFile, link, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hashValue } from '../cache/file-hasher.ts';
import { markUsed } from '../util/mark-used.ts';
import { tempPathFor } from '../util/temp-path.ts';

/** What is kept: video segments, the outputs' audio and their cover frames. */
export type Kept = 'mp4' | 'm4a' | 'png';

// `<owner>-<key>.<ext>`; temp names (`.promo-tmp-…`) never match.
const KEPT_NAME = /^([0-9a-f]{16})-([0-9a-f]{1,40})\.(?:mp4|m4a|png)$/;

export class SegmentStore {
  readonly dir: string;

  constructor(outDir: string) {
    this.dir = join(outDir, '.promo', 'segments');
  }

  /** The owner part of the names of one output's segments. */
  static ownerOf(job: string, preset: string): string {
    return hashValue({ job, preset }).slice(0, 16);
  }

  /** Where the segment (`mp4`), audio (`m4a`) or cover frame (`png`) with `key` of `owner` is kept. */
  pathOf(owner: string, key: string, ext: Kept = 'mp4'): string {
    return join(this.dir, `${owner}-${key.slice(0, 40)}.${ext}`);
  }

  has(owner: string, key: string, ext: Kept = 'mp4'): boolean {
    return existsSync(this.pathOf(owner, key, ext));
  }

  /** Keeps a complete, checked segment under its key (`file` itself stays where it is). */
  async put(file: string, owner: string, key: string, ext: Kept = 'mp4'): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const final = this.pathOf(owner, key, ext);
    // Linked (or copied) to a temp name first, then renamed: the final name appears whole.
    const temp = tempPathFor(final);
    try {
      await link(file, temp).catch(() => copyFile(file, temp));
      await rename(temp, final);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /**
   * Makes a kept segment appear at `target` (a hard link: instant, and the run keeps it even if
   * another run prunes it meanwhile); false when it is gone.
   */
  async claim(owner: string, key: string, target: string, ext: Kept = 'mp4'): Promise<boolean> {
    const kept = this.pathOf(owner, key, ext);
    try {
      await link(kept, target);
      // Reused: the least recently used kept files are the ones pruned first (render/kept-cache/).
      await markUsed(kept);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      // A file system without hard links: copy instead.
      await copyFile(kept, target);
      await markUsed(kept);
      return true;
    }
  }

  /** Removes `owner`'s files whose keys are not in `keep`; returns how many went. */
  async prune(owner: string, keep: readonly string[]): Promise<number> {
    const wanted = new Set(keep.map((key) => key.slice(0, 40)));
    let removed = 0;
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      const match = KEPT_NAME.exec(name);
      if (!match || match[1] !== owner || wanted.has(match[2]!)) continue;
      await rm(join(this.dir, name), { force: true });
      removed++;
    }
    return removed;
  }

  /** Removes the segments of every output not in `owners` (outputs gone from the folder's manifest). */
  async pruneOwners(owners: ReadonlySet<string>): Promise<void> {
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      const owner = KEPT_NAME.exec(name)?.[1];
      if (owner !== undefined && !owners.has(owner)) await rm(join(this.dir, name), { force: true });
    }
  }
}
