// What `promo render` takes and returns: the batch's options, the events it reports as it goes,
// and each job's summary in the result.
import type { PromoConfig } from '../config/config-types.ts';
import type { PromoSpec } from '../promo-spec/spec-types.ts';
import type { PromoError } from '../util/promo-error.ts';
import type { Manifest, RunArtifact } from './manifest.ts';

export interface RenderEvents {
  onNotice?(text: string): void;
  onPlan?(jobs: readonly PlannedJob[]): void;
  onJobStart?(name: string): void;
  onJobProgress?(name: string, fraction: number, stage: string): void;
  onJobEnd?(summary: JobSummary): void;
  /** --dry-run: a command promo would run. */
  onDryRun?(name: string, label: string, command: string): void;
}

export interface PlannedJob {
  name: string;
  presets: string[];
  cached: boolean;
}

export interface RenderBatchOptions {
  spec: PromoSpec;
  config: PromoConfig;
  outDir: string;
  /** SKUs to render (and `reel`); all when undefined. */
  only?: string[];
  /** Preset names to render, a subset of the spec's outputs; all when undefined. */
  presets?: string[];
  force?: boolean;
  /** Plan and print the ffmpeg commands without running them or writing outputs. */
  dryRun?: boolean;
  concurrency?: number;
  signal?: AbortSignal;
  events?: RenderEvents;
  /** Content hashes the caller already knows (the watcher hashed the dropped file), to skip re-reading. */
  knownHashes?: { file: string; sha256: string }[];
  /** Products that failed in another process (a distributed render's workers): the reel leaves them out. */
  leaveOut?: string[];
  /** Look for unfinished files of killed runs first (default true; a watcher does it once at start). */
  sweepStaleTemps?: boolean;
}

/** `partial`: some presets rendered, others refused (the error says which). */
export type JobStatus = 'rendered' | 'partial' | 'cached' | 'planned' | 'failed' | 'interrupted';

export interface JobSummary {
  name: string;
  sku: string | null;
  status: JobStatus;
  presets: string[];
  /** Wall-clock seconds the job took (rendered jobs). */
  seconds?: number;
  /** Seconds of video per preset. */
  duration?: number;
  error?: PromoError;
  artifacts: RunArtifact[];
  /** Absolute paths of the kept files the job wrote or reused (util/kept-use-log.ts). */
  keptUsed?: string[];
}

export interface BatchResult {
  jobs: JobSummary[];
  manifest: Manifest;
  manifestPath: string;
  interrupted: boolean;
}
