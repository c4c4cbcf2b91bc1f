// Content hashes of input files, remembered by (size, mtime, inode) so an unchanged 4K file is
// read once, not on every run. The memo lives in the output folder's cache file.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export interface FileMemo {
  size: number;
  mtimeMs: number;
  ino: number;
  sha256: string;
}

export class FileHasher {
  private readonly memo: Map<string, FileMemo>;
  private readonly pending = new Map<string, Promise<string>>();
  /** Whether any hash was computed (the memo needs saving). */
  changed = false;

  constructor(memo: Record<string, FileMemo> = {}) {
    this.memo = new Map(Object.entries(memo));
  }

  /** sha256 (hex) of a file's bytes, from the memo when the file has not changed. */
  async hash(file: string): Promise<string> {
    const info = await stat(file);
    const known = this.memo.get(file);
    if (known && known.size === info.size && known.mtimeMs === info.mtimeMs && known.ino === info.ino) return known.sha256;
    let pending = this.pending.get(file);
    if (!pending) {
      pending = hashStream(file).then((sha256) => {
        this.memo.set(file, { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, sha256 });
        this.changed = true;
        this.pending.delete(file);
        return sha256;
      }, (error: unknown) => {
        this.pending.delete(file);
        throw error;
      });
      this.pending.set(file, pending);
    }
    return pending;
  }

  /** Records a hash computed elsewhere (the file must not have changed since). */
  async remember(file: string, sha256: string): Promise<void> {
    const info = await stat(file);
    this.memo.set(file, { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, sha256 });
    this.changed = true;
  }

  toJSON(): Record<string, FileMemo> {
    return Object.fromEntries(this.memo);
  }
}

/** sha256 (hex) of a file, streamed. */
export function hashStream(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** sha256 (hex) of a JSON-able value with sorted keys, for cache keys. */
export function hashValue(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex');
}

function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}
