// What a folder holds, byte for byte: to prove a reader left every file as it was.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under `folder` (recursively), by relative path, with the SHA-256 of its bytes and its mtime. */
export function fileHashes(folder: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const name of (readdirSync(folder, { recursive: true }) as string[]).sort()) {
    const path = join(folder, name);
    const info = statSync(path);
    if (info.isFile()) hashes[name] = `${createHash('sha256').update(readFileSync(path)).digest('hex')} ${info.mtimeMs}`;
  }
  return hashes;
}
