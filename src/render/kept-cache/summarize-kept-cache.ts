// What an output folder keeps (`promo cache`): per kind, files and bytes, and how much of it the
// manifest's artifacts (or one spec's) still use. Reads only.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { readManifest } from '../manifest.ts';
import { cacheFilePath, readRenderCache } from '../render-cache-file.ts';
import { findKeptInUse } from './find-kept-in-use.ts';
import { findLiveRenders } from './find-live-renders.ts';
import { KEPT_KINDS, type KeptKind } from './kept-entry.ts';
import { KeptUses } from './kept-uses.ts';
import { listKeptEntries } from './list-kept-entries.ts';

export interface KeptKindSummary {
  kind: KeptKind | 'render-cache';
  count: number;
  bytes: number;
  /** Of those, used by the manifest's artifacts (the render cache file counts as used). */
  usedCount: number;
  usedBytes: number;
  /** Last use of the least recently used file (ISO time), when there is one. */
  oldest?: string;
}

export interface KeptCacheSummary {
  out: string;
  kinds: KeptKindSummary[];
  total: { count: number; bytes: number; usedCount: number; usedBytes: number };
  /** Manifest artifacts considered (all, or those of `spec`). */
  artifacts: number;
  /** Owners of promo processes working in the folder now. */
  busy: string[];
}

/** Summarizes `outDir`'s kept files; with `spec` (relative to `outDir`, as the manifest writes it), "used" means by that spec's artifacts. */
export async function summarizeKeptCache(outDir: string, options: { spec?: string } = {}): Promise<KeptCacheSummary> {
  const [entries, manifest, uses, cache, busy] = await Promise.all([listKeptEntries(outDir), readManifest(outDir), KeptUses.read(outDir), readRenderCache(outDir), findLiveRenders(outDir)]);
  const artifacts = (manifest?.artifacts ?? []).filter((a) => options.spec === undefined || a.spec === options.spec);
  const inUse = findKeptInUse(entries, artifacts, uses, cache);
  const kinds: KeptKindSummary[] = KEPT_KINDS.map((kind) => {
    const mine = entries.filter((e) => e.kind === kind);
    const used = mine.filter((e) => inUse.has(e.path));
    const oldest = mine.reduce<number | undefined>((min, e) => (min === undefined || e.mtimeMs < min ? e.mtimeMs : min), undefined);
    return {
      kind, count: mine.length, bytes: sum(mine), usedCount: used.length, usedBytes: sum(used),
      ...(oldest === undefined ? {} : { oldest: new Date(oldest).toISOString() }),
    };
  });
  const cacheBytes = existsSync(cacheFilePath(outDir)) ? (await stat(cacheFilePath(outDir))).size : 0;
  const cacheCount = cacheBytes > 0 ? 1 : 0;
  kinds.push({ kind: 'render-cache', count: cacheCount, bytes: cacheBytes, usedCount: cacheCount, usedBytes: cacheBytes });
  const total = kinds.reduce((t, k) => ({ count: t.count + k.count, bytes: t.bytes + k.bytes, usedCount: t.usedCount + k.usedCount, usedBytes: t.usedBytes + k.usedBytes }), { count: 0, bytes: 0, usedCount: 0, usedBytes: 0 });
  return { out: outDir, kinds, total, artifacts: artifacts.length, busy };
}

function sum(entries: readonly { bytes: number }[]): number {
  return entries.reduce((s, e) => s + e.bytes, 0);
}
