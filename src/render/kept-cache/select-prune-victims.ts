// Which kept files a prune removes (pure): never one an artifact of the manifest uses; of the
// others, those unused for longer than `olderThanMs`, then, while all kept files together are over
// `maxBytes`, the least recently used first (oldest mtime; ties by path, never by readdir order).
import type { KeptEntry } from './kept-entry.ts';

export interface PruneRules {
  now: number;
  /** Remove unused files last used before `now - olderThanMs`; undefined: none by age. */
  olderThanMs?: number;
  /** Bring all kept files together down to this many bytes; undefined: no size limit. */
  maxBytes?: number;
}

/** The entries to remove, least recently used first. */
export function selectPruneVictims(entries: readonly KeptEntry[], inUse: ReadonlySet<string>, rules: PruneRules): KeptEntry[] {
  const candidates = entries
    .filter((e) => !inUse.has(e.path))
    .sort((a, b) => a.mtimeMs - b.mtimeMs || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const victims = new Set<KeptEntry>();
  if (rules.olderThanMs !== undefined) {
    for (const entry of candidates) if (entry.mtimeMs < rules.now - rules.olderThanMs) victims.add(entry);
  }
  if (rules.maxBytes !== undefined) {
    let total = entries.reduce((sum, e) => sum + e.bytes, 0) - [...victims].reduce((sum, e) => sum + e.bytes, 0);
    for (const entry of candidates) {
      if (total <= rules.maxBytes) break;
      if (victims.has(entry)) continue;
      victims.add(entry);
      total -= entry.bytes;
    }
  }
  return candidates.filter((e) => victims.has(e));
}
