// A fresh temporary folder per test (removed after it by makeTempDir), with helpers to write
// files into it.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeTempDir } from '../helpers/make-temp-dir.ts';

export interface TempFolder {
  dir: string;
  /** Writes `content` to `name` (relative, folders created) and returns the absolute path. */
  write(name: string, content: string | Buffer): Promise<string>;
}

export async function makeTempFolder(prefix = 'promo-spec-'): Promise<TempFolder> {
  const dir = makeTempDir(prefix);
  return {
    dir,
    async write(name, content) {
      const path = join(dir, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
      return path;
    },
  };
}

/** Joins lines with "\n" and ends with one, so a test's line numbers can be read off the array. */
export function yamlLines(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
