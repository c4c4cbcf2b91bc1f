// Many different files from one MP4: each copy gets a top-level `free` box (allowed anywhere in
// MP4, ignored by players) holding its number, so every copy has its own content hash.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes `count` copies of `mp4` into `dir` named by `name(i)`; returns their paths. */
export async function writeDistinctCopies(mp4: string, dir: string, count: number, name: (i: number) => string): Promise<string[]> {
  const bytes = await readFile(mp4);
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const free = Buffer.alloc(16);
    free.writeUInt32BE(16, 0);
    free.write('free', 4, 'latin1');
    free.writeBigUInt64BE(BigInt(i), 8);
    const path = join(dir, name(i));
    await writeFile(path, Buffer.concat([bytes, free]));
    paths.push(path);
  }
  return paths;
}
