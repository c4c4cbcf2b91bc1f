// The output folder's cache file: content hashes of inputs (by size/mtime/inode) and ffprobe
// results (by content hash), so an unchanged spec re-renders nothing and probes nothing.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileMemo } from '../cache/file-hasher.ts';
import type { MediaInfo } from '../media/probe-media.ts';
import { writeAtomic } from '../util/write-atomic.ts';

export interface RenderCacheFile {
  version: 1;
  files: Record<string, FileMemo>;
  /** ffprobe results by `PROBE_VERSION:sha256` of the file (path left out). */
  probes: Record<string, Omit<MediaInfo, 'path'>>;
  /** What each engine (by identity: path, size, mtime) can do, so it is asked once, not every run. */
  engines?: Record<string, StoredCapabilities>;
}

export interface StoredCapabilities {
  version: string;
  major?: number;
  filters: string[];
  encoders: string[];
  fpsModeOption: '-fps_mode' | '-vsync';
}

export function cacheFilePath(outDir: string): string {
  return join(outDir, '.promo', 'cache.json');
}

/** Reads the cache file; an empty cache when it is missing or damaged. */
export async function readRenderCache(outDir: string): Promise<RenderCacheFile> {
  try {
    const parsed = JSON.parse(await readFile(cacheFilePath(outDir), 'utf8')) as RenderCacheFile;
    if (parsed.version === 1 && parsed.files && parsed.probes) return parsed;
  } catch {
    // no cache yet, or a damaged one: start empty
  }
  return { version: 1, files: {}, probes: {} };
}

/** Writes the cache file atomically. */
export async function writeRenderCache(outDir: string, cache: RenderCacheFile): Promise<void> {
  await writeAtomic(cacheFilePath(outDir), JSON.stringify(cache));
}
