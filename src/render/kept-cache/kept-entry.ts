// What the output folder keeps between renders under `<out>/.promo/`, by kind: the folders the
// pruning (prune-kept-cache.ts) may empty. Final outputs, footage, manifest.json, the render cache
// (cache.json), the lock and temp files are never entries.

/** The kinds of kept files, each one folder of `<out>/.promo/`. */
export const KEPT_KINDS = ['images', 'covers', 'segments', 'loudness', 'analysis'] as const;

export type KeptKind = (typeof KEPT_KINDS)[number];

/**
 * Kinds a running render reads by path (ffmpeg opens the file later) rather than reading whole at
 * once: they are left alone while a render is writing into the folder (find-live-renders.ts).
 */
export const READ_BY_PATH: ReadonlySet<KeptKind> = new Set(['images', 'covers', 'segments']);

export interface KeptEntry {
  kind: KeptKind;
  /** Relative to the output folder, `/`-separated: `.promo/images/caption-….png`. */
  path: string;
  bytes: number;
  /** Last use: written, or reused (util/mark-used.ts sets it). */
  mtimeMs: number;
}
